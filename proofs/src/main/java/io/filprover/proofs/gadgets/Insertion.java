package io.filprover.proofs.gadgets;

import io.filprover.proofs.r1cs.ConstraintSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * rust-fil-proofs' insertion gadgets (storage-proofs-core/src/gadgets/insertion.rs): put the
 * current Merkle node among its siblings at the position given by index bits (little-endian).
 * Constraint counts, as that file's {@code test_insert} / {@code test_select} assert: insert of
 * size 2 → 2, 4 → 8, 8 → 22 (hand-optimised), otherwise size·(size − 1); select of size n → n − 1;
 * pick → 1. Variable and constraint names are upstream's.
 */
public final class Insertion {
    private Insertion() {
    }

    /**
     * {@code elements} with {@code element} inserted before position n (n given by {@code bits}):
     * the result has size {@code elements.size() + 1 = 2^bits.size()}. Uses the caller's namespace.
     */
    public static <E> List<AllocatedNum<E>> insert(ConstraintSystem<E> cs, AllocatedNum<E> element, List<IndexBit> bits,
                                                   List<AllocatedNum<E>> elements) {
        int size = elements.size() + 1;
        if (1 << bits.size() != size) {
            throw new IllegalArgumentException(bits.size() + " bits for " + size + " positions");
        }
        switch (size) {
            case 2:
                return List.of(
                        pick(cs, () -> "binary insert 0", bits.get(0), elements.get(0), element),
                        pick(cs, () -> "binary insert 1", bits.get(0), element, elements.get(0)));
            case 4:
                return insert4(cs, element, bits, elements);
            case 8:
                return insert8(cs, element, bits, elements);
            default:
                break;
        }
        // general case: position pos takes candidate pos of the result for each index, chosen by select
        List<AllocatedNum<E>> result = new ArrayList<>(size);
        for (int pos = 0; pos < size; pos++) {
            List<AllocatedNum<E>> choices = new ArrayList<>(size);
            for (int index = 0; index < size; index++) {
                choices.add(pos < index ? elements.get(pos) : pos == index ? element : elements.get(pos - 1));
            }
            int at = pos;
            result.add(cs.namespace(() -> "choice at " + at, c -> select(c, choices, bits)));
        }
        return result;
    }

    /** Positions of A inserted into [b, c, d]: two picks each, keyed on b0 then b1. */
    private static <E> List<AllocatedNum<E>> insert4(ConstraintSystem<E> cs, AllocatedNum<E> a, List<IndexBit> bits,
                                                     List<AllocatedNum<E>> el) {
        IndexBit b0 = bits.get(0);
        IndexBit b1 = bits.get(1);
        AllocatedNum<E> b = el.get(0);
        AllocatedNum<E> c = el.get(1);
        AllocatedNum<E> d = el.get(2);
        AllocatedNum<E> p0x0 = pick(cs, () -> "p0_x0", b0, b, a);
        AllocatedNum<E> p0 = pick(cs, () -> "p0", b1, b, p0x0);
        AllocatedNum<E> p1x0 = pick(cs, () -> "p1_x0", b0, a, b);
        AllocatedNum<E> p1 = pick(cs, () -> "p1", b1, c, p1x0);
        AllocatedNum<E> p2x1 = pick(cs, () -> "p2_x1", b0, d, a);
        AllocatedNum<E> p2 = pick(cs, () -> "p2", b1, p2x1, c);
        AllocatedNum<E> p3x1 = pick(cs, () -> "p3_x1", b0, a, d);
        AllocatedNum<E> p3 = pick(cs, () -> "p3", b1, p3x1, d);
        return List.of(p0, p1, p2, p3);
    }

    /** Positions of A inserted into [b … h]: b0 nor b1, b0 and b1, then 20 picks (22 constraints). */
    private static <E> List<AllocatedNum<E>> insert8(ConstraintSystem<E> cs, AllocatedNum<E> a, List<IndexBit> bits,
                                                     List<AllocatedNum<E>> el) {
        IndexBit b0 = bits.get(0);
        IndexBit b1 = bits.get(1);
        IndexBit b2 = bits.get(2);
        AllocatedNum<E> b = el.get(0);
        AllocatedNum<E> c = el.get(1);
        AllocatedNum<E> d = el.get(2);
        AllocatedNum<E> e = el.get(3);
        AllocatedNum<E> f = el.get(4);
        AllocatedNum<E> g = el.get(5);
        AllocatedNum<E> h = el.get(6);
        IndexBit nor = IndexBit.nor(cs, () -> "b0 nor b1", b0, b1);
        IndexBit and = IndexBit.and(cs, () -> "b0 and b1", b0, b1);

        AllocatedNum<E> p0xx0 = pick(cs, () -> "p0_xx0", nor, a, b);
        AllocatedNum<E> p0 = pick(cs, () -> "p0", b2, b, p0xx0);

        AllocatedNum<E> p1x00 = pick(cs, () -> "p1_x00", b0, a, b);
        AllocatedNum<E> p1xx0 = pick(cs, () -> "p1_xx0", b1, c, p1x00);
        AllocatedNum<E> p1 = pick(cs, () -> "p1", b2, c, p1xx0);

        AllocatedNum<E> p2x10 = pick(cs, () -> "p2_x10", b0, d, a);
        AllocatedNum<E> p2xx0 = pick(cs, () -> "p2_xx0", b1, p2x10, c);
        AllocatedNum<E> p2 = pick(cs, () -> "p2", b2, d, p2xx0);

        AllocatedNum<E> p3xx0 = pick(cs, () -> "p3_xx0", and, a, d);
        AllocatedNum<E> p3 = pick(cs, () -> "p3", b2, e, p3xx0);

        AllocatedNum<E> p4xx1 = pick(cs, () -> "p4_xx1", nor, a, f);
        AllocatedNum<E> p4 = pick(cs, () -> "p4", b2, p4xx1, e);

        AllocatedNum<E> p5x01 = pick(cs, () -> "p5_x01", b0, a, f);
        AllocatedNum<E> p5xx1 = pick(cs, () -> "p5_xx1", b1, g, p5x01);
        AllocatedNum<E> p5 = pick(cs, () -> "p5", b2, p5xx1, f);

        AllocatedNum<E> p6x11 = pick(cs, () -> "p6_x11", b0, h, a);
        AllocatedNum<E> p6xx1 = pick(cs, () -> "p6_xx1", b1, p6x11, g);
        AllocatedNum<E> p6 = pick(cs, () -> "p6", b2, p6xx1, g);

        AllocatedNum<E> p7xx1 = pick(cs, () -> "p7_xx1", and, a, h);
        AllocatedNum<E> p7 = pick(cs, () -> "p7", b2, p7xx1, h);
        return List.of(p0, p1, p2, p3, p4, p5, p6, p7);
    }

    /**
     * {@code from[n]}, n given by {@code pathBits} (little-endian); a binary tree of picks, most
     * significant bit first; {@code from.size() − 1} constraints. Uses the caller's namespace.
     */
    public static <E> AllocatedNum<E> select(ConstraintSystem<E> cs, List<AllocatedNum<E>> from, List<IndexBit> pathBits) {
        if (1 << pathBits.size() != from.size()) {
            throw new IllegalArgumentException(pathBits.size() + " bits to select from " + from.size());
        }
        List<AllocatedNum<E>> state = new ArrayList<>(from);
        int half = from.size() / 2;
        for (int i = 0; i < pathBits.size(); i++) {
            IndexBit bit = pathBits.get(pathBits.size() - 1 - i);
            List<AllocatedNum<E>> next = new ArrayList<>(half);
            for (int j = 0; j < half; j++) {
                int ri = i;
                int rj = j;
                next.add(pick(cs, () -> "pick " + ri + ", " + rj, bit, state.get(half + j), state.get(j)));
            }
            state = next;
            half /= 2;
        }
        return state.get(0);
    }

    /** condition ? a : b, with (b − a)·condition = b − c ("pick result", "pick"); 1 constraint. */
    public static <E> AllocatedNum<E> pick(ConstraintSystem<E> cs, Supplier<String> name, IndexBit condition,
                                           AllocatedNum<E> a, AllocatedNum<E> b) {
        cs.pushNamespace(name);
        try {
            AllocatedNum<E> c = AllocatedNum.alloc(cs, "pick result",
                    () -> condition.requireValue() ? a.requireValue() : b.requireValue());
            cs.enforce("pick", cs.lc().add(b.variable()).sub(a.variable()), condition.lc(cs, cs.field().one()),
                    cs.lc().add(b.variable()).sub(c.variable()));
            return c;
        } finally {
            cs.popNamespace();
        }
    }
}
