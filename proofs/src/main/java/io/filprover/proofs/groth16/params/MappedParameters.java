package io.filprover.proofs.groth16.params;

import io.filprover.bls12381.curve.PointLimbs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A memory-mapped {@code .params} file, bellperson's {@code MappedParameters}: the layout is checked
 * and the verifying key decoded when opened; each base vector is decoded (in parallel) only when the
 * prover asks for it, so a caller can drop one vector before loading the next.
 */
public final class MappedParameters implements ParameterSource {
    private final ByteSource file;
    private final ParamsLayout layout;
    private final VerifyingKey vk;
    private final boolean checked;
    private final String name;

    private MappedParameters(ByteSource file, String name, boolean checked) throws ParametersFormatException {
        this.file = file;
        this.name = name;
        this.checked = checked;
        this.layout = ParamsLayout.parse(file, false, name);
        this.vk = ParametersFormat.decodeVerifyingKey(file, layout, checked, name);
    }

    /**
     * Maps {@code path}. {@code checked}: also verify subgroup membership of every point (slow;
     * rust-fil-proofs opens parameters unchecked). Encoding, curve equation and non-identity are
     * always checked.
     */
    public static MappedParameters open(Path path, boolean checked) throws IOException {
        return new MappedParameters(new MappedFile(path), path.toString(), checked);
    }

    /** As {@link #open(Path, boolean)} with a chosen mapping window (tests). */
    static MappedParameters open(Path path, boolean checked, long window) throws IOException {
        return new MappedParameters(new MappedFile(path, window), path.toString(), checked);
    }

    /** The same over bytes already in memory. */
    public static MappedParameters of(byte[] bytes, boolean checked) throws ParametersFormatException {
        return new MappedParameters(ByteSource.of(bytes), "parameters", checked);
    }

    @Override
    public VerifyingKey verifyingKey() {
        return vk;
    }

    /** Decodes all five vectors into memory. */
    public Groth16Parameters load() throws ParametersFormatException {
        return new Groth16Parameters(vk, decode(layout.h()), decode(layout.l()), decode(layout.a()),
                decode(layout.bG1()), decode(layout.bG2()));
    }

    private long[] decode(ParamsLayout.Vector v) throws ParametersFormatException {
        long[] out = new long[v.count() * (v.g2() ? PointLimbs.G2 : PointLimbs.G1)];
        PointVectorCodec.decode(file, v.offset(), v.count(), v.g2(), checked, name + ": " + v.name(), out, 0);
        return out;
    }

    private long[] decodeUnchecked(ParamsLayout.Vector v) {
        try {
            return decode(v);
        } catch (ParametersFormatException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The vector getters decode on every call; a damaged point surfaces as UncheckedIOException
    // wrapping ParametersFormatException (use load() to get the checked exception).
    @Override public long[] h() { return decodeUnchecked(layout.h()); }
    @Override public long[] l() { return decodeUnchecked(layout.l()); }
    @Override public long[] a() { return decodeUnchecked(layout.a()); }
    @Override public long[] bG1() { return decodeUnchecked(layout.bG1()); }
    @Override public long[] bG2() { return decodeUnchecked(layout.bG2()); }
    @Override public int hCount() { return layout.h().count(); }
    @Override public int lCount() { return layout.l().count(); }
    @Override public int aCount() { return layout.a().count(); }
    @Override public int bG1Count() { return layout.bG1().count(); }
    @Override public int bG2Count() { return layout.bG2().count(); }
}
