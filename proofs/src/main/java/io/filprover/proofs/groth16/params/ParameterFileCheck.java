package io.filprover.proofs.groth16.params;

import io.filprover.bls12381.curve.PointLimbs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a {@code .params} or {@code .vk} file without loading it: the layout against the file
 * size (ParamsLayout), then every point decoded block by block (encoding, curve equation, not the
 * identity and, when asked, subgroup membership through bls12-381's checked decoders), so even a
 * production file (tens of GiB) is checked in bounded memory. Failures are
 * {@link ParametersFormatException}s naming the vector and the point index.
 */
public final class ParameterFileCheck {
    private static final int BLOCK = 1 << 14;

    /** What a sound file holds: its size, the vk's ic count and each vector's point count (0 for a .vk). */
    public record Summary(long bytes, int icPoints, int h, int l, int a, int bG1, int bG2) {
    }

    private ParameterFileCheck() {
    }

    /** Checks a whole {@code .params} file; {@code subgroup}: also check every point's subgroup (slow). */
    public static Summary checkParameters(Path path, boolean subgroup) throws IOException {
        ByteSource file = new MappedFile(path);
        String name = path.getFileName().toString();
        ParamsLayout layout = ParamsLayout.parse(file, false, name);
        ParametersFormat.decodeVerifyingKey(file, layout, subgroup, name);
        List<ParamsLayout.Vector> vectors = List.of(layout.h(), layout.l(), layout.a(), layout.bG1(), layout.bG2());
        long[] scratch = new long[BLOCK * PointLimbs.G2];
        for (ParamsLayout.Vector v : vectors) {
            int size = v.g2() ? PointVectorCodec.G2_BYTES : PointVectorCodec.G1_BYTES;
            for (int done = 0; done < v.count(); done += BLOCK) {
                int n = Math.min(BLOCK, v.count() - done);
                // point indices in messages are relative to the block; name the block's start
                PointVectorCodec.decode(file, v.offset() + (long) done * size, n, v.g2(), subgroup,
                        name + ": " + v.name() + "@" + done, scratch, 0);
            }
        }
        if (layout.bG1().count() != layout.bG2().count()) {
            throw new ParametersFormatException(name + ": b_g1 has " + layout.bG1().count() + " points but b_g2 "
                    + layout.bG2().count());
        }
        return new Summary(layout.end(), layout.icCount(), layout.h().count(), layout.l().count(),
                layout.a().count(), layout.bG1().count(), layout.bG2().count());
    }

    /**
     * Checks only the layout against the file size and the verifying key's points: for files whose
     * digest already matched parameters.json, where decoding every point would only repeat what the
     * digest proves.
     */
    public static Summary checkParametersLayout(Path path) throws IOException {
        ByteSource file = new MappedFile(path);
        String name = path.getFileName().toString();
        ParamsLayout layout = ParamsLayout.parse(file, false, name);
        ParametersFormat.decodeVerifyingKey(file, layout, true, name);
        return new Summary(layout.end(), layout.icCount(), layout.h().count(), layout.l().count(),
                layout.a().count(), layout.bG1().count(), layout.bG2().count());
    }

    /** Checks a {@code .vk} file: exact size and every point, subgroup included (as bellperson reads it). */
    public static Summary checkVerifyingKey(Path path) throws IOException {
        ByteSource file = new MappedFile(path);
        String name = path.getFileName().toString();
        ParamsLayout layout = ParamsLayout.parse(file, true, name);
        ParametersFormat.decodeVerifyingKey(file, layout, true, name);
        return new Summary(layout.end(), layout.icCount(), 0, 0, 0, 0, 0);
    }

    /** True when the {@code .params} file starts with exactly the bytes of the {@code .vk} file. */
    public static boolean sameVerifyingKey(Path params, Path vk) throws IOException {
        byte[] key = Files.readAllBytes(vk);
        ByteSource file = new MappedFile(params);
        if (file.length() < key.length) {
            return false;
        }
        byte[] prefix = new byte[key.length];
        file.read(0, prefix);
        return Arrays.equals(prefix, key);
    }
}
