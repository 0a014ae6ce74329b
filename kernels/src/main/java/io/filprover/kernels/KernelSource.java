package io.filprover.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one device kernel source, the body files {@link #BODIES} under {@code src/main/c/} in that
 * order, and the preludes that adapt it to a language (docs/gpu.md). The build copies them onto the
 * class path under {@code io/filprover/kernels/c/}; {@code kernels/build-cuda.sh} concatenates the
 * same list.
 */
public final class KernelSource {
    /** The first kernel body shared by every backend: the fields, SHA-256 and Poseidon. */
    public static final String BODY = "filprover.cl";
    /**
     * Every body file, in the order they are concatenated after the prelude (later files use what
     * earlier ones define): {@code msm.cl} holds Fq, G1 and the Pippenger MSM kernels.
     */
    public static final List<String> BODIES = List.of(BODY, "msm.cl");
    /** Macros for OpenCL C 1.2. */
    public static final String PRELUDE_OPENCL = "prelude_opencl.h";
    /** Macros for CUDA (used by kernels/build-cuda.sh). */
    public static final String PRELUDE_CUDA = "prelude_cuda.h";

    private KernelSource() {
    }

    /** The source as OpenCL C: the OpenCL prelude followed by the bodies. */
    public static String openCl() {
        StringBuilder s = new StringBuilder(read(PRELUDE_OPENCL));
        for (String body : BODIES) {
            s.append('\n').append(read(body));
        }
        return s.toString();
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
