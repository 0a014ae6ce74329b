package io.filprover.bls12381.poseidon;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrOps;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * neptune's SAFE sponge API ({@code sponge::api}, docs/spec/poseidon-groth16-gpu.md §2.6.5; not used by
 * Filecoin proofs). s[0] holds a 128-bit tag hashed from the IO pattern and a domain separator;
 * absorb adds into the rate, permuting first when the rate is full; squeeze permutes first when
 * the previous block is exhausted. Not thread-safe.
 */
public final class PoseidonSafeSponge {
    /** One call of the IO pattern: absorb or squeeze {@code count} elements. */
    public record Op(boolean absorb, int count) {
        public Op {
            if (count < 0) {
                throw new IllegalArgumentException("negative count");
            }
        }

        public static Op absorb(int n) {
            return new Op(true, n);
        }

        public static Op squeeze(int n) {
            return new Op(false, n);
        }
    }

    private static final BigInteger MOD_128 = BigInteger.ONE.shiftLeft(128);
    /** A 128-bit prime base: 2^128 − 159. */
    private static final BigInteger HASHER_BASE = MOD_128.subtract(BigInteger.valueOf(159));

    private final PoseidonParameters params;
    private final List<Op> pattern;
    private final long[] work;
    private final int rate;
    private int absorbPos;
    private int squeezePos;
    private int ioCount;

    /**
     * Starts a sponge of the given arity (rate) with the Sponge hash type's constants.
     *
     * @param domainSeparator an unsigned 32-bit value (neptune's default is 0)
     */
    public PoseidonSafeSponge(int arity, PoseidonStrength strength, List<Op> pattern, long domainSeparator) {
        this.params = PoseidonParameters.of(arity, strength, PoseidonHashType.SPONGE);
        this.pattern = List.copyOf(pattern);
        this.rate = arity;
        this.work = new long[PoseidonPermutation.workLength(params.width())];
        Fr.fromBigInteger(tag(pattern, domainSeparator)).toMontgomeryLimbs(work, 0);
    }

    /**
     * The IO-pattern tag: runs of absorbs (and of squeezes) are merged, each run contributes
     * n + 2^31 (absorb) or n (squeeze), then the domain separator; value v updates x ← x·base,
     * tag ← tag + x·v, all mod 2^128.
     */
    public static BigInteger tag(List<Op> pattern, long domainSeparator) {
        if (domainSeparator < 0 || domainSeparator > 0xffffffffL) {
            throw new IllegalArgumentException("the domain separator is a u32");
        }
        List<Long> values = new ArrayList<>();
        Op current = Op.absorb(0);
        for (Op op : pattern) {
            if (op.absorb() == current.absorb()) {
                current = new Op(op.absorb(), current.count() + op.count());
            } else {
                addValue(values, current);
                current = op;
            }
        }
        addValue(values, current);
        values.add(domainSeparator);
        BigInteger x = BigInteger.ONE;
        BigInteger state = BigInteger.ZERO;
        for (long v : values) {
            x = x.multiply(HASHER_BASE).mod(MOD_128);
            state = state.add(x.multiply(BigInteger.valueOf(v))).mod(MOD_128);
        }
        return state;
    }

    private static void addValue(List<Long> values, Op op) {
        if (op.count() == 0) {
            return;
        }
        values.add(op.absorb() ? op.count() + (1L << 31) : (long) op.count());
    }

    private void expect(Op op) {
        if (ioCount >= pattern.size() || !pattern.get(ioCount).equals(op)) {
            throw new IllegalStateException("call " + ioCount + " is " + op + " but the IO pattern says "
                    + (ioCount < pattern.size() ? pattern.get(ioCount) : "nothing more"));
        }
        ioCount++;
    }

    private void permute() {
        PoseidonPermutation.permuteOptimized(params, work);
        absorbPos = 0;
        squeezePos = 0;
    }

    public void absorb(Fr... elements) {
        expect(Op.absorb(elements.length));
        long[] e = new long[4];
        for (Fr x : elements) {
            if (absorbPos == rate) {
                permute();
            }
            x.toMontgomeryLimbs(e, 0);
            int slot = 4 * (1 + absorbPos);
            FrOps.add(work, slot, work, slot, e, 0);
            absorbPos++;
        }
        squeezePos = rate;
    }

    public Fr[] squeeze(int n) {
        expect(Op.squeeze(n));
        Fr[] out = new Fr[n];
        for (int i = 0; i < n; i++) {
            if (squeezePos == rate) {
                permute();
            }
            out[i] = Fr.fromMontgomeryLimbs(work, 4 * (1 + squeezePos));
            squeezePos++;
        }
        return out;
    }

    /** Clears the state; throws if the calls did not follow the whole IO pattern. */
    public void finish() {
        java.util.Arrays.fill(work, 0L);
        if (ioCount != pattern.size()) {
            throw new IllegalStateException(ioCount + " of " + pattern.size() + " IO-pattern calls made");
        }
    }
}
