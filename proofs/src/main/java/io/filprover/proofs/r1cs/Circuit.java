package io.filprover.proofs.r1cs;

/**
 * A circuit: allocates its variables and enforces its constraints on whatever constraint system it
 * is given (parameter generation, proving, or testing). It must produce the same shape every time;
 * value suppliers are only invoked by systems that need the witness.
 */
@FunctionalInterface
public interface Circuit<E> {
    void synthesize(ConstraintSystem<E> cs);
}
