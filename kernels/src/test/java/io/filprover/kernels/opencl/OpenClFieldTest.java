package io.filprover.kernels.opencl;

import io.filprover.api.kernels.Availability;
import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.FqOps;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The device's Fr and Fq add, sub, mul and square (kernels fr_ops, fq_ops) against FrOps and FqOps,
 * and the CPU-device rule.
 */
class OpenClFieldTest {
    static OpenClRuntime runtime() throws Exception {
        Availability a = new OpenClKernelsProvider().probe();
        assumeTrue(a.available(), () -> "OpenCL unavailable: " + a.detail());
        return OpenClRuntime.get();
    }

    @Test
    void addSubMulSquareMatchFrOpsOnRandomAndEdgeValues() throws Exception {
        OpenClRuntime rt = runtime();
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        BigInteger r = Fr.MODULUS;
        BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, r.subtract(BigInteger.ONE), r.subtract(BigInteger.TWO),
                r.shiftRight(1), BigInteger.ONE.shiftLeft(128), BigInteger.ONE.shiftLeft(255).mod(r)};
        int count = edges.length * edges.length + 4000;
        long[] a = new long[4 * count];
        long[] b = new long[4 * count];
        for (int i = 0; i < count; i++) {
            Fr x = i < edges.length * edges.length ? Fr.fromBigInteger(edges[i / edges.length]) : Fr.random(rnd);
            Fr y = i < edges.length * edges.length ? Fr.fromBigInteger(edges[i % edges.length]) : Fr.random(rnd);
            x.toMontgomeryLimbs(a, 4 * i);
            y.toMontgomeryLimbs(b, 4 * i);
        }
        long[] got = runOps(rt, "fr_ops", a, b, 16 * count, count);
        long[] want = new long[16 * count];
        for (int i = 0; i < count; i++) {
            FrOps.add(want, 16 * i, a, 4 * i, b, 4 * i);
            FrOps.sub(want, 16 * i + 4, a, 4 * i, b, 4 * i);
            FrOps.mul(want, 16 * i + 8, a, 4 * i, b, 4 * i);
            FrOps.square(want, 16 * i + 12, a, 4 * i);
        }
        assertArrayEquals(want, got, "seed " + seed);
    }

    /** Runs one of the *_ops kernels over count pairs (a, b) and returns its outLongs limbs of output. */
    private static long[] runOps(OpenClRuntime rt, String kernel, long[] a, long[] b, int outLongs, int count) {
        return runKernel(rt, kernel, outLongs, count, a, b);
    }

    /** Runs {@code kernel(inputs..., out, count)} over count work items and returns its outLongs limbs of output. */
    static long[] runKernel(OpenClRuntime rt, String kernel, int outLongs, int count, long[]... inputs) {
        long[] got = new long[outLongs];
        cl_command_queue q = CL.clCreateCommandQueue(rt.context, rt.device, 0, null);
        cl_mem[] in = new cl_mem[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            in[i] = CL.clCreateBuffer(rt.context, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, 8L * inputs[i].length,
                    Pointer.to(inputs[i]), null);
        }
        cl_mem mo = CL.clCreateBuffer(rt.context, CL.CL_MEM_WRITE_ONLY, 8L * got.length, null, null);
        cl_kernel k = CL.clCreateKernel(rt.program(), kernel, null);
        try {
            for (int i = 0; i < in.length; i++) {
                CL.clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(in[i]));
            }
            CL.clSetKernelArg(k, in.length, Sizeof.cl_mem, Pointer.to(mo));
            CL.clSetKernelArg(k, in.length + 1, Sizeof.cl_uint, Pointer.to(new int[] {count}));
            OpenClMsm.enqueue(rt, q, k, count); // small work-groups, as the MSM launches them
            CL.clEnqueueReadBuffer(q, mo, CL.CL_TRUE, 0, 8L * got.length, Pointer.to(got), 0, null, null);
        } finally {
            CL.clReleaseKernel(k);
            CL.clReleaseMemObject(mo);
            for (cl_mem m : in) {
                CL.clReleaseMemObject(m);
            }
            CL.clReleaseCommandQueue(q);
        }
        return got;
    }

    @Test
    void fqAddSubMulSquareMatchFqOpsOnRandomAndEdgeValues() throws Exception {
        OpenClRuntime rt = runtime();
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        BigInteger p = Fq.MODULUS;
        BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, p.subtract(BigInteger.ONE), p.subtract(BigInteger.TWO),
                p.shiftRight(1), BigInteger.ONE.shiftLeft(192), BigInteger.ONE.shiftLeft(380)};
        int count = edges.length * edges.length + 4000;
        long[] a = new long[6 * count];
        long[] b = new long[6 * count];
        for (int i = 0; i < count; i++) {
            Fq x = i < edges.length * edges.length ? Fq.fromBigInteger(edges[i / edges.length]) : Fq.random(rnd);
            Fq y = i < edges.length * edges.length ? Fq.fromBigInteger(edges[i % edges.length]) : Fq.random(rnd);
            System.arraycopy(x.montgomeryLimbs(), 0, a, 6 * i, 6);
            System.arraycopy(y.montgomeryLimbs(), 0, b, 6 * i, 6);
        }
        long[] got = runOps(rt, "fq_ops", a, b, 24 * count, count);
        long[] want = new long[24 * count];
        for (int i = 0; i < count; i++) {
            FqOps.add(want, 24 * i, a, 6 * i, b, 6 * i);
            FqOps.sub(want, 24 * i + 6, a, 6 * i, b, 6 * i);
            FqOps.mul(want, 24 * i + 12, a, 6 * i, b, 6 * i);
            FqOps.square(want, 24 * i + 18, a, 6 * i);
        }
        assertArrayEquals(want, got, "seed " + seed);
    }

    @Test
    void cpuDevicesAreTakenOnlyWhenAdmitted() throws Exception {
        OpenClRuntime rt = runtime();
        long[] v = new long[1];
        CL.clGetDeviceInfo(rt.device, CL.CL_DEVICE_TYPE, Sizeof.cl_ulong, Pointer.to(v), null);
        long type = v[0];
        assumeTrue((type & CL.CL_DEVICE_TYPE_CPU) != 0, "the device is not a CPU device");
        // the device is a CPU one (POCL): so no GPU was found, and without the switch there is none to take
        OpenClRuntime.NoDeviceException e = assertThrows(OpenClRuntime.NoDeviceException.class,
                () -> OpenClRuntime.create(false));
        assertTrue(e.getMessage().contains("only CPU OpenCL devices") && e.getMessage().contains(OpenClRuntime.CPU_PROPERTY), e.getMessage());
        Availability a = OpenClKernelsProvider.probe(OpenClKernelsProviderTest.env(OpenClRuntime.discover(false), null));
        assertFalse(a.available());
        assertTrue(a.devices().stream().anyMatch(d -> OpenClRuntime.CPU_NOT_ADMITTED.equals(d.unusable())), a.devices().toString());
    }
}
