package io.filprover.proofs.groth16.params;

import io.filprover.bls12381.curve.AffinePoint;
import io.filprover.bls12381.curve.JacobianPoint;
import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FqTowerElement;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * Many scalar multiples of one fixed base, as the setup needs them (one per parameter entry):
 * a table of d·256^w·G for every byte position w and digit d, so [k]G is at most 32 mixed
 * additions; results are normalised in chunks with one inversion each and computed in parallel.
 */
final class FixedBaseTable<F extends FqTowerElement<F>> {
    private static final int WINDOWS = 32;
    private static final int DIGITS = 255;
    private static final int CHUNK = 1024;

    private final JacobianPoint<F> identity;
    private final List<AffinePoint<F>[]> table = new ArrayList<>(WINDOWS);

    FixedBaseTable(AffinePoint<F> base) {
        this.identity = base.curve().identity();
        JacobianPoint<F> windowBase = base.toJacobian();
        for (int w = 0; w < WINDOWS; w++) {
            @SuppressWarnings("unchecked")
            JacobianPoint<F>[] multiples = new JacobianPoint[DIGITS];
            JacobianPoint<F> acc = windowBase;
            for (int d = 0; d < DIGITS; d++) {
                multiples[d] = acc;
                acc = acc.add(windowBase);
            }
            table.add(JacobianPoint.batchToAffine(multiples));
            windowBase = acc; // 256·windowBase
        }
    }

    JacobianPoint<F> mul(Fr k) {
        byte[] le = k.toBytesLE();
        JacobianPoint<F> acc = identity;
        for (int w = 0; w < WINDOWS; w++) {
            int d = le[w] & 0xff;
            if (d != 0) {
                acc = acc.add(table.get(w)[d - 1]);
            }
        }
        return acc;
    }

    /** [k_i]G for every scalar, handed to {@code sink} as (index, affine point), in parallel. */
    void mulAll(Fr[] scalars, BiConsumer<Integer, AffinePoint<F>> sink) {
        int chunks = (scalars.length + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            int start = ch * CHUNK;
            int end = Math.min(scalars.length, start + CHUNK);
            @SuppressWarnings("unchecked")
            JacobianPoint<F>[] pts = new JacobianPoint[end - start];
            for (int i = start; i < end; i++) {
                pts[i - start] = mul(scalars[i]);
            }
            AffinePoint<F>[] aff = JacobianPoint.batchToAffine(pts);
            for (int i = start; i < end; i++) {
                sink.accept(i, aff[i - start]);
            }
        });
    }
}
