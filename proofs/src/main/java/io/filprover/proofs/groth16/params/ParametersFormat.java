package io.filprover.proofs.groth16.params;

import static io.filprover.proofs.groth16.params.PointVectorCodec.G1_BYTES;
import static io.filprover.proofs.groth16.params.PointVectorCodec.G2_BYTES;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.PointCodec;
import io.filprover.bls12381.curve.PointLimbs;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * bellperson's {@code .vk} and {@code .params} files (docs/spec/poseidon-groth16-gpu.md §3.3): uncompressed
 * points, u32 big-endian counts.
 * <pre>
 * .vk     = α₁ ‖ β₁ ‖ β₂ ‖ γ₂ ‖ δ₁ ‖ δ₂ ‖ u32 |ic| ‖ ic…
 * .params = .vk ‖ u32 |h| ‖ h… ‖ u32 |l| ‖ l… ‖ u32 |a| ‖ a… ‖ u32 |b_g1| ‖ b_g1… ‖ u32 |b_g2| ‖ b_g2…
 * </pre>
 */
public final class ParametersFormat {
    private ParametersFormat() {
    }

    // ---- writing ----

    public static byte[] encodeVerifyingKey(VerifyingKey vk) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) vk.encodedSize());
        try {
            writeVerifyingKey(vk, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static void writeVerifyingKey(VerifyingKey vk, OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.write(PointCodec.g1ToUncompressed(vk.alphaG1()));
        d.write(PointCodec.g1ToUncompressed(vk.betaG1()));
        d.write(PointCodec.g2ToUncompressed(vk.betaG2()));
        d.write(PointCodec.g2ToUncompressed(vk.gammaG2()));
        d.write(PointCodec.g1ToUncompressed(vk.deltaG1()));
        d.write(PointCodec.g2ToUncompressed(vk.deltaG2()));
        d.writeInt(vk.ic().size());
        for (AffinePoint<Fq> p : vk.ic()) {
            d.write(PointCodec.g1ToUncompressed(p));
        }
        d.flush();
    }

    /** Writes the whole {@code .params} file (decoding each vector of a lazy source once). */
    public static void writeParameters(ParameterSource params, OutputStream out) throws IOException {
        BufferedOutputStream b = new BufferedOutputStream(out, 1 << 16);
        DataOutputStream d = new DataOutputStream(b);
        writeVerifyingKey(params.verifyingKey(), d);
        d.writeInt(params.hCount());
        PointVectorCodec.writeG1(params.h(), params.hCount(), d);
        d.writeInt(params.lCount());
        PointVectorCodec.writeG1(params.l(), params.lCount(), d);
        d.writeInt(params.aCount());
        PointVectorCodec.writeG1(params.a(), params.aCount(), d);
        d.writeInt(params.bG1Count());
        PointVectorCodec.writeG1(params.bG1(), params.bG1Count(), d);
        d.writeInt(params.bG2Count());
        PointVectorCodec.writeG2(params.bG2(), params.bG2Count(), d);
        d.flush();
    }

    /** Writes {@code .params} to a file (replacing it). */
    public static void writeParameters(ParameterSource params, Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            writeParameters(params, out);
        }
    }

    /** Writes {@code .vk} to a file (replacing it). */
    public static void writeVerifyingKey(VerifyingKey vk, Path path) throws IOException {
        Files.write(path, encodeVerifyingKey(vk));
    }

    public static byte[] encodeParameters(ParameterSource params) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeParameters(params, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    // ---- reading ----

    /** Decodes a {@code .vk} file's bytes; {@code checked} adds subgroup checks (bellperson reads the vk checked). */
    public static VerifyingKey readVerifyingKey(byte[] bytes, boolean checked) throws ParametersFormatException {
        ByteSource src = ByteSource.of(bytes);
        return decodeVerifyingKey(src, ParamsLayout.parse(src, true, "verifying key"), checked, "verifying key");
    }

    /** Reads a {@code .vk} file, checked. */
    public static VerifyingKey readVerifyingKey(Path path) throws IOException {
        long size = Files.size(path);
        if (size > (1L << 30)) {
            throw new ParametersFormatException(path + ": " + size + " bytes is far too large for a verifying key");
        }
        ByteSource src = ByteSource.of(Files.readAllBytes(path));
        return decodeVerifyingKey(src, ParamsLayout.parse(src, true, path.toString()), true, path.toString());
    }

    /** Maps and decodes a whole {@code .params} file into memory. */
    public static Groth16Parameters readParameters(Path path, boolean checked) throws IOException {
        return MappedParameters.open(path, checked).load();
    }

    /**
     * Reads a {@code .params} file from a stream. Memory grows only with the bytes actually read, so
     * a corrupt count cannot force a huge allocation; a short stream fails with a clear message.
     */
    public static Groth16Parameters readParameters(InputStream in, boolean checked) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] fixed = readFully(d, ParamsLayout.VK_POINTS_BYTES + 4, "verifying key");
        int icCount = count(fixed, ParamsLayout.VK_POINTS_BYTES);
        byte[] ic = readFully(d, icCount * G1_BYTES, "vk.ic (" + icCount + " points)");
        byte[] vkBytes = Arrays.copyOf(fixed, fixed.length + ic.length);
        System.arraycopy(ic, 0, vkBytes, fixed.length, ic.length);
        VerifyingKey vk = readVerifyingKey(vkBytes, checked);
        long[] h = readVector(d, "h", readCount(d, "h"), false, checked);
        long[] l = readVector(d, "l", readCount(d, "l"), false, checked);
        long[] a = readVector(d, "a", readCount(d, "a"), false, checked);
        long[] b1 = readVector(d, "b_g1", readCount(d, "b_g1"), false, checked);
        long[] b2 = readVector(d, "b_g2", readCount(d, "b_g2"), true, checked);
        if (d.read() != -1) {
            throw new ParametersFormatException("parameters: unexpected bytes after the last parameter vector");
        }
        if (b1.length / PointLimbs.G1 != b2.length / PointLimbs.G2) {
            throw new ParametersFormatException("parameters: b_g1 and b_g2 have different lengths");
        }
        return new Groth16Parameters(vk, h, l, a, b1, b2);
    }

    private static int readCount(DataInputStream d, String name) throws IOException {
        return count(readFully(d, 4, "count of " + name), 0);
    }

    private static int count(byte[] b, int off) throws ParametersFormatException {
        long c = ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
        if (c > PointVectorCodec.maxPoints(PointLimbs.G2)) {
            throw new ParametersFormatException("parameters: vector count " + c + " is too large");
        }
        return (int) c;
    }

    /** Reads points block by block, growing the result only as data arrives. */
    private static long[] readVector(DataInputStream d, String name, int count, boolean g2, boolean checked)
            throws IOException {
        int size = g2 ? G2_BYTES : G1_BYTES;
        int limbs = g2 ? PointLimbs.G2 : PointLimbs.G1;
        int block = 1 << 14;
        List<long[]> parts = new ArrayList<>();
        for (int done = 0; done < count; done += block) {
            int n = Math.min(block, count - done);
            byte[] bytes = readFully(d, n * size, name + " (points " + done + ".." + (done + n) + " of " + count + ")");
            long[] part = new long[n * limbs];
            PointVectorCodec.decode(ByteSource.of(bytes), 0, n, g2, checked, name + "@" + done, part, 0);
            parts.add(part);
        }
        long[] out = new long[count * limbs];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** readNBytes allocates as data arrives, so a bogus length on a short stream costs little memory. */
    private static byte[] readFully(DataInputStream d, int n, String what) throws IOException {
        byte[] b = d.readNBytes(n);
        if (b.length != n) {
            throw new ParametersFormatException("parameters: truncated while reading " + what
                    + " (" + b.length + " of " + n + " bytes)");
        }
        return b;
    }

    static VerifyingKey decodeVerifyingKey(ByteSource src, ParamsLayout layout, boolean checked, String name)
            throws ParametersFormatException {
        AffinePoint<Fq> alpha = g1(src, ParamsLayout.ALPHA_G1, checked, name + ": vk.alpha_g1");
        AffinePoint<Fq> betaG1 = g1(src, ParamsLayout.BETA_G1, checked, name + ": vk.beta_g1");
        AffinePoint<Fq2> betaG2 = g2(src, ParamsLayout.BETA_G2, checked, name + ": vk.beta_g2");
        AffinePoint<Fq2> gamma = g2(src, ParamsLayout.GAMMA_G2, checked, name + ": vk.gamma_g2");
        AffinePoint<Fq> deltaG1 = g1(src, ParamsLayout.DELTA_G1, checked, name + ": vk.delta_g1");
        AffinePoint<Fq2> deltaG2 = g2(src, ParamsLayout.DELTA_G2, checked, name + ": vk.delta_g2");
        long[] ic = new long[layout.icCount() * PointLimbs.G1];
        PointVectorCodec.decode(src, layout.icOffset(), layout.icCount(), false, checked, name + ": vk.ic", ic, 0);
        List<AffinePoint<Fq>> icPoints = new ArrayList<>(layout.icCount());
        for (int i = 0; i < layout.icCount(); i++) {
            icPoints.add(PointLimbs.g1(ic, i * PointLimbs.G1));
        }
        return new VerifyingKey(alpha, betaG1, betaG2, gamma, deltaG1, deltaG2, icPoints);
    }

    private static AffinePoint<Fq> g1(ByteSource src, long off, boolean checked, String what) throws ParametersFormatException {
        byte[] b = new byte[G1_BYTES];
        src.read(off, b);
        return PointVectorCodec.decodeG1(b, checked, what);
    }

    private static AffinePoint<Fq2> g2(ByteSource src, long off, boolean checked, String what) throws ParametersFormatException {
        byte[] b = new byte[G2_BYTES];
        src.read(off, b);
        return PointVectorCodec.decodeG2(b, checked, what);
    }
}
