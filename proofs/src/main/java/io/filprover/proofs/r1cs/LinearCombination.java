package io.filprover.proofs.r1cs;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A linear combination Σ c_k·z_k of variables, built fluently ({@code lc.add(one).sub(a)}).
 * Terms on the same variable are merged by adding their coefficients, as bellperson's indexer does,
 * so a variable appears at most once; a merged coefficient may become zero (it then marks no density).
 * Mutable: each builder call changes and returns this object.
 *
 * <p>A {@linkplain #discarding discarding} combination ignores every term: systems that only count
 * (bellperson's {@code BenchCS}) hand one out from {@link ConstraintSystem#lc()}, so gadgets build
 * the same sequence of alloc/enforce calls without the field arithmetic and allocation of real terms.
 */
public final class LinearCombination<E> {
    /** Above this many terms a hash index replaces the linear search used for merging. */
    private static final int INDEX_THRESHOLD = 16;

    private final ScalarField<E> field;
    private Variable[] vars = new Variable[4];
    private Object[] coeffs = new Object[4];
    private int size;
    private Map<Long, Integer> index;
    /** Every builder call is a no-op and the combination stays empty. */
    private final boolean discarding;

    public LinearCombination(ScalarField<E> field) {
        this(field, false);
    }

    private LinearCombination(ScalarField<E> field, boolean discarding) {
        this.field = field;
        this.discarding = discarding;
    }

    /**
     * A combination that stays empty whatever is added to it; immutable in effect, so one instance
     * may be shared. Only for systems that never read their constraints.
     */
    public static <E> LinearCombination<E> discarding(ScalarField<E> field) {
        return new LinearCombination<>(field, true);
    }

    /** Whether this combination ignores its terms (see {@link #discarding}). */
    public boolean isDiscarding() {
        return discarding;
    }

    public static <E> LinearCombination<E> zero(ScalarField<E> field) {
        return new LinearCombination<>(field);
    }

    public ScalarField<E> field() {
        return field;
    }

    /** this + v. */
    public LinearCombination<E> add(Variable v) {
        if (discarding) {
            return this;
        }
        return add(field.one(), v);
    }

    /** this − v. */
    public LinearCombination<E> sub(Variable v) {
        if (discarding) {
            return this;
        }
        return add(field.minusOne(), v);
    }

    /** this − c·v. */
    public LinearCombination<E> sub(E c, Variable v) {
        if (discarding) {
            return this;
        }
        return add(field.neg(c), v);
    }

    /** this + c·v. */
    public LinearCombination<E> add(E c, Variable v) {
        if (discarding) {
            return this;
        }
        int at = find(v);
        if (at >= 0) {
            coeffs[at] = field.add(coefficient(at), c);
            return this;
        }
        if (size == vars.length) {
            vars = Arrays.copyOf(vars, size * 2);
            coeffs = Arrays.copyOf(coeffs, size * 2);
        }
        vars[size] = v;
        coeffs[size] = c;
        if (index != null) {
            index.put(v.key(), size);
        } else if (size + 1 > INDEX_THRESHOLD) {
            index = new HashMap<>();
            for (int i = 0; i <= size; i++) {
                index.put(vars[i].key(), i);
            }
        }
        size++;
        return this;
    }

    /** this + other. */
    public LinearCombination<E> add(LinearCombination<E> other) {
        if (discarding) {
            return this;
        }
        for (int i = 0; i < other.size; i++) {
            add(other.coefficient(i), other.vars[i]);
        }
        return this;
    }

    /** this + c·other. */
    public LinearCombination<E> add(E c, LinearCombination<E> other) {
        if (discarding) {
            return this;
        }
        for (int i = 0; i < other.size; i++) {
            add(field.mul(c, other.coefficient(i)), other.vars[i]);
        }
        return this;
    }

    /** this − other. */
    public LinearCombination<E> sub(LinearCombination<E> other) {
        if (discarding) {
            return this;
        }
        for (int i = 0; i < other.size; i++) {
            add(field.neg(other.coefficient(i)), other.vars[i]);
        }
        return this;
    }

    /** Number of (distinct-variable) terms. */
    public int size() {
        return size;
    }

    public Variable variable(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return vars[i];
    }

    @SuppressWarnings("unchecked")
    public E coefficient(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return (E) coeffs[i];
    }

    /** A copy that later changes to this object do not affect. */
    public LinearCombination<E> copy() {
        if (discarding) {
            return this;
        }
        return new LinearCombination<>(field).add(this);
    }

    private int find(Variable v) {
        if (index != null) {
            Integer at = index.get(v.key());
            return at == null ? -1 : at;
        }
        for (int i = 0; i < size; i++) {
            if (vars[i].equals(v)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : " + ").append(coeffs[i]).append("·").append(vars[i]);
        }
        return size == 0 ? "0" : sb.toString();
    }
}
