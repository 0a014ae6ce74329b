package io.filprover.proofs.gadgets;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.LinearCombination;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * 32 {@link Boolean}s read as an unsigned integer, least significant bit first, as bellman's
 * {@code uint32::UInt32}. Rotations and shifts only rearrange bits (free); xor, ch and maj work bit
 * by bit; {@link #addmany} allocates the sum's bits and hands the equality to a {@link MultiEq}.
 * The value (an {@code int} read as unsigned) is null without a witness.
 */
public final class UInt32 {
    private final List<Boolean> bits;
    private final Integer value;

    private UInt32(List<Boolean> bits, Integer value) {
        this.bits = List.copyOf(bits);
        this.value = value;
    }

    public static UInt32 constant(int value) {
        List<Boolean> bits = new ArrayList<>(32);
        for (int i = 0; i < 32; i++) {
            bits.add(Boolean.constant(((value >>> i) & 1) != 0));
        }
        return new UInt32(bits, value);
    }

    /** 32 allocated bits, in namespaces "allocated bit i". */
    public static UInt32 alloc(ConstraintSystem<Fr> cs, Integer value) {
        List<Boolean> bits = new ArrayList<>(32);
        for (int i = 0; i < 32; i++) {
            int at = i;
            java.lang.Boolean b = value == null ? null : ((value >>> i) & 1) != 0;
            bits.add(Boolean.is(cs.namespace(() -> "allocated bit " + at, ns -> AllocatedBit.alloc(ns, b))));
        }
        return new UInt32(bits, value);
    }

    public Integer value() {
        return value;
    }

    /** The bits, least significant first. */
    public List<Boolean> intoBits() {
        return bits;
    }

    /** The bits, most significant first. */
    public List<Boolean> intoBitsBe() {
        List<Boolean> be = new ArrayList<>(bits);
        Collections.reverse(be);
        return be;
    }

    /** From 32 bits, least significant first. */
    public static UInt32 fromBits(List<Boolean> bits) {
        if (bits.size() != 32) {
            throw new IllegalArgumentException("a UInt32 has 32 bits, got " + bits.size());
        }
        return new UInt32(bits, valueOf(bits));
    }

    /** From 32 bits, most significant first. */
    public static UInt32 fromBitsBe(List<Boolean> bits) {
        List<Boolean> le = new ArrayList<>(bits);
        Collections.reverse(le);
        return fromBits(le);
    }

    private static Integer valueOf(List<Boolean> le) {
        int v = 0;
        for (int i = 0; i < 32; i++) {
            java.lang.Boolean b = le.get(i).value();
            if (b == null) {
                return null;
            }
            v |= (b ? 1 : 0) << i;
        }
        return v;
    }

    public UInt32 rotr(int by) {
        int r = by % 32;
        List<Boolean> out = new ArrayList<>(32);
        for (int i = 0; i < 32; i++) {
            out.add(bits.get((i + r) % 32));
        }
        return new UInt32(out, value == null ? null : Integer.rotateRight(value, r));
    }

    public UInt32 shr(int by) {
        int s = by % 32;
        List<Boolean> out = new ArrayList<>(32);
        for (int i = 0; i < 32; i++) {
            out.add(i + s < 32 ? bits.get(i + s) : Boolean.FALSE);
        }
        return new UInt32(out, value == null ? null : value >>> s);
    }

    /** this ⊕ other, bit i in namespace "xor of bit i". */
    public UInt32 xor(ConstraintSystem<Fr> cs, UInt32 other) {
        List<Boolean> out = new ArrayList<>(32);
        for (int i = 0; i < 32; i++) {
            int at = i;
            out.add(cs.namespace(() -> "xor of bit " + at, ns -> Boolean.xor(ns, bits.get(at), other.bits.get(at))));
        }
        return new UInt32(out, value == null || other.value == null ? null : value ^ other.value);
    }

    /** SHA-256's maj bit by bit, in namespaces "maj i". */
    public static UInt32 sha256Maj(ConstraintSystem<Fr> cs, UInt32 a, UInt32 b, UInt32 c) {
        List<Boolean> out = new ArrayList<>(32);
        for (int i = 0; i < 32; i++) {
            int at = i;
            out.add(cs.namespace(() -> "maj " + at,
                    ns -> Boolean.sha256Maj(ns, a.bits.get(at), b.bits.get(at), c.bits.get(at))));
        }
        Integer v = a.value == null || b.value == null || c.value == null ? null
                : (a.value & b.value) ^ (a.value & c.value) ^ (b.value & c.value);
        return new UInt32(out, v);
    }

    /** SHA-256's ch bit by bit, in namespaces "ch i". */
    public static UInt32 sha256Ch(ConstraintSystem<Fr> cs, UInt32 a, UInt32 b, UInt32 c) {
        List<Boolean> out = new ArrayList<>(32);
        for (int i = 0; i < 32; i++) {
            int at = i;
            out.add(cs.namespace(() -> "ch " + at,
                    ns -> Boolean.sha256Ch(ns, a.bits.get(at), b.bits.get(at), c.bits.get(at))));
        }
        Integer v = a.value == null || b.value == null || c.value == null ? null
                : (a.value & b.value) ^ (~a.value & c.value);
        return new UInt32(out, v);
    }

    /**
     * The sum of 2 to 10 operands mod 2^32. Allocates every bit of the full sum ("result bit i",
     * as many as the largest possible sum has) and enforces Σ operands = Σ 2^i·bit_i through
     * {@code cs}'s batch; keeps the low 32. All-constant operands fold to a constant.
     */
    public static UInt32 addmany(MultiEq cs, List<UInt32> operands) {
        if (operands.size() < 2 || operands.size() > 10) {
            throw new IllegalArgumentException("addmany takes 2 to 10 operands, got " + operands.size());
        }
        long maxValue = operands.size() * 0xFFFF_FFFFL;
        Long resultValue = 0L;
        LinearCombination<Fr> lc = cs.lc();
        boolean allConstants = true;
        for (UInt32 op : operands) {
            resultValue = resultValue == null || op.value == null ? null : resultValue + Integer.toUnsignedLong(op.value);
            for (int j = 0; j < 32; j++) {
                Boolean bit = op.bits.get(j);
                lc.add(bit.lc(cs, FrBits.pow2(j)));
                allConstants &= bit.isConstant();
            }
        }
        Integer modular = resultValue == null ? null : (int) (long) resultValue;
        if (allConstants && modular != null) {
            return constant(modular);
        }
        List<Boolean> resultBits = new ArrayList<>();
        LinearCombination<Fr> resultLc = cs.lc();
        int i = 0;
        while (maxValue != 0) {
            int at = i;
            java.lang.Boolean b = resultValue == null ? null : ((resultValue >>> i) & 1) != 0;
            AllocatedBit bit = cs.namespace(() -> "result bit " + at, ns -> AllocatedBit.alloc(ns, b));
            resultLc.add(FrBits.pow2(i), bit.variable());
            resultBits.add(Boolean.is(bit));
            maxValue >>>= 1;
            i++;
        }
        cs.enforceEqual(i, lc, resultLc);
        return new UInt32(resultBits.subList(0, 32), modular);
    }

    @Override
    public String toString() {
        return "UInt32(" + (value == null ? "?" : Integer.toUnsignedString(value, 16)) + ")";
    }
}
