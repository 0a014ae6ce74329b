package io.filprover.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one device kernel source and the preludes that adapt it to a language (docs/gpu.md). The source
 * is the body files {@link #BODIES} in that order ({@code filprover.cl} first: the others use its
 * types and Fr arithmetic; msm.cl holds Fq, G1 and the G1 MSM kernels, msm_g2.cl Fq2, G2 and the G2 MSM
 * kernels, tree.cl the tree-level kernels); {@code kernels/build-cuda.sh} concatenates the same list. The build copies
 * them onto the class path under {@code io/filprover/kernels/c/}.
 */
public final class KernelSource {
    /** The first body file: the shared types, the field arithmetic, SHA-256 and Poseidon. */
    public static final String BODY = "filprover.cl";
    /** Every body file, in the order they are concatenated (build-cuda.sh keeps the same list). */
    public static final List<String> BODIES = List.of(BODY, "ntt.cl", "msm.cl", "msm_g2.cl", "tree.cl");
    /** Macros for OpenCL C 1.2. */
    public static final String PRELUDE_OPENCL = "prelude_opencl.h";
    /** Macros for CUDA (used by kernels/build-cuda.sh). */
    public static final String PRELUDE_CUDA = "prelude_cuda.h";

    private KernelSource() {
    }

    /** The source as OpenCL C: the OpenCL prelude followed by the bodies. */
    public static String openCl() {
        StringBuilder src = new StringBuilder(read(PRELUDE_OPENCL));
        for (String body : BODIES) {
            src.append('\n').append(read(body));
        }
        return src.toString();
    }

    /** One of the files above, as text. */
    public static String read(String name) {
        try (InputStream in = KernelSource.class.getResourceAsStream("c/" + name)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
