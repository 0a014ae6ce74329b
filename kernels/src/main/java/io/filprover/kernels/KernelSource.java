package io.filprover.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one device kernel source, {@code src/main/c/filprover.cl}, and the preludes that adapt it to a
 * language (docs/gpu.md). The build copies them onto the class path under {@code io/filprover/kernels/c/}.
 */
public final class KernelSource {
    /** The kernel body shared by every backend. */
    public static final String BODY = "filprover.cl";
    /** Macros for OpenCL C 1.2. */
    public static final String PRELUDE_OPENCL = "prelude_opencl.h";
    /** Macros for CUDA (used by kernels/build-cuda.sh). */
    public static final String PRELUDE_CUDA = "prelude_cuda.h";

    private KernelSource() {
    }

    /** The source as OpenCL C: the OpenCL prelude followed by the body. */
    public static String openCl() {
        return read(PRELUDE_OPENCL) + "\n" + read(BODY);
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
