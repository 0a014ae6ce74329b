package io.filprover.cpu;

import io.filprover.api.kernels.Kernels;
import io.filprover.api.job.WorkerPool;
import io.filprover.cpu.msm.PippengerMsm;
import io.filprover.cpu.ntt.FrQuotient;
import io.filprover.cpu.ntt.RadixNtt;
import io.filprover.bls12381.poseidon.PoseidonHasher;
import io.filprover.bls12381.poseidon.PoseidonParameters;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The pure-Java backend. SHA-256 goes through {@link MessageDigest}: on x86 with SHA-NI the JDK's
 * intrinsic is the only path to the SHA instructions, and it runs at the native single-stream rate.
 * Poseidon runs neptune's optimised schedule on flat Montgomery limbs with a per-thread state buffer.
 */
public final class CpuKernels implements Kernels {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(CpuKernels::newSha256);

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private final WorkerPool pool;

    /** The backend over a job's thread budget: NTTs and MSMs split their work over {@code pool}. */
    public CpuKernels(WorkerPool pool) {
        this.pool = pool;
    }

    @Override
    public String backendName() {
        return "cpu";
    }

    @Override
    public void sha256Trunc254Pairs(byte[] in, int inOff, byte[] out, int outOff, int count) {
        if (count < 0 || inOff < 0 || outOff < 0 || (long) inOff + 64L * count > in.length
                || (long) outOff + 32L * count > out.length) {
            throw new IndexOutOfBoundsException("sha256Trunc254Pairs: count " + count + " does not fit the buffers");
        }
        MessageDigest md = SHA256.get();
        try {
            for (int i = 0; i < count; i++) {
                // outOff <= inOff keeps in-place reduction safe: output i overwrites bytes already consumed
                md.update(in, inOff + 64 * i, 64);
                md.digest(out, outOff + 32 * i, 32);
                out[outOff + 32 * i + 31] &= 0x3f;
            }
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void poseidonHashBatch(int arity, long[] in, int inOff, long[] out, int outOff, int count) {
        // the per-thread hasher makes this thread-safe; each hash reads its preimage into the state
        // buffer before writing its result, so in-place reduction with outOff <= inOff is safe
        PoseidonHasher.hashBatch(PoseidonParameters.filecoin(arity), in, inOff, out, outOff, count);
    }

    // NTTs: multi-threaded radix-2 over a cached twiddle table, on the job's threads.

    @Override
    public void nttFr(long[] a, int off, int logN) {
        RadixNtt.ntt(a, off, logN, pool);
    }

    @Override
    public void inttFr(long[] a, int off, int logN) {
        RadixNtt.intt(a, off, logN, pool);
    }

    @Override
    public void cosetNttFr(long[] a, int off, int logN) {
        RadixNtt.cosetNtt(a, off, logN, pool);
    }

    @Override
    public void icosetNttFr(long[] a, int off, int logN) {
        RadixNtt.icosetNtt(a, off, logN, pool);
    }

    /** The seven NTTs above and the pointwise step on the job's threads ({@link FrQuotient}); b and c end as coset evaluations. */
    @Override
    public void quotientFr(long[] a, long[] b, long[] c, int logN) {
        FrQuotient.compose(this, a, b, c, logN, pool);
    }

    @Override
    public void msmG1(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        PippengerMsm.g1(bases, basesOff, scalars, scalarsOff, count, density, out, outOff, pool);
    }

    @Override
    public void msmG2(long[] bases, int basesOff, long[] scalars, int scalarsOff, int count, long[] density,
                      long[] out, int outOff) {
        PippengerMsm.g2(bases, basesOff, scalars, scalarsOff, count, density, out, outOff, pool);
    }
}
