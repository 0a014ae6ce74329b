package io.filprover.proofs.groth16.prover;

import io.filprover.proofs.r1cs.ScalarField;
import java.util.Arrays;

/** A growable vector of field elements stored as flat limbs (the prover's bulk representation). */
public final class FlatVector<E> {
    private final ScalarField<E> field;
    private final int limbs;
    private long[] data;
    private int size;

    public FlatVector(ScalarField<E> field, int initialCapacity) {
        this.field = field;
        this.limbs = field.limbs();
        this.data = new long[Math.max(1, initialCapacity) * limbs];
    }

    public void add(E value) {
        if ((size + 1) * limbs > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, (size + 1) * limbs));
        }
        field.store(data, size * limbs, value);
        size++;
    }

    public E get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return field.load(data, i * limbs);
    }

    public int size() {
        return size;
    }

    /** The elements padded with zeros to {@code length} elements, as a fresh flat array. */
    public long[] toArray(int length) {
        if (length < size) {
            throw new IllegalArgumentException("cannot truncate " + size + " elements to " + length);
        }
        long[] out = new long[length * limbs];
        System.arraycopy(data, 0, out, 0, size * limbs);
        if (length > size) {
            long[] zero = new long[limbs];
            field.store(zero, 0, field.zero());
            for (int i = size; i < length; i++) {
                System.arraycopy(zero, 0, out, i * limbs, limbs);
            }
        }
        return out;
    }
}
