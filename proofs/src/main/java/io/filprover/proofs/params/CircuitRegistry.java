package io.filprover.proofs.params;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.r1cs.Circuit;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Maps a registered proof to the blank circuit its Groth16 parameters are made for: the circuit
 * {@code params generate} runs the setup on and {@code circuit info} counts. Circuit packages
 * provide one by implementing this interface and naming the class in
 * {@code META-INF/services/io.filprover.proofs.params.CircuitRegistry} (ServiceLoader), or by
 * calling {@link #register} (tests).
 *
 * <p>A blank circuit allocates every variable and enforces every constraint of one partition's
 * proof without a witness: it must synthesize the same shape for a
 * {@link io.filprover.proofs.r1cs.CountingConstraintSystem} (which never asks for values), for
 * parameter generation and for proving. Proofs that share a parameter file (same
 * {@link CircuitIdentifiers} stem) must get the same shape.
 */
public interface CircuitRegistry {
    /** The blank circuit for {@code proof}, or empty when this registry does not provide it. */
    Optional<Circuit<Fr>> blankCircuit(RegisteredProof proof);

    /** A short name for messages (e.g. "stacked-drg porep circuit"). */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * The first registry (programmatic registrations first, then ServiceLoader ones in class-path
     * order) that provides {@code proof}'s circuit.
     */
    static Optional<Circuit<Fr>> lookup(RegisteredProof proof) {
        for (CircuitRegistry r : Registered.all()) {
            Optional<Circuit<Fr>> c = r.blankCircuit(proof);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** Adds a registry ahead of the ServiceLoader ones; returns a handle that removes it again. */
    static AutoCloseable register(CircuitRegistry registry) {
        Registered.EXTRA.add(0, registry);
        return () -> Registered.EXTRA.remove(registry);
    }

    /**
     * Makes {@code registry} the only one consulted (the ServiceLoader ones are hidden) until the
     * returned handle is closed: for tests of what happens when a proof has no circuit.
     */
    static AutoCloseable registerOnly(CircuitRegistry registry) {
        AutoCloseable added = register(registry);
        Registered.ONLY_EXTRA.incrementAndGet();
        return () -> {
            Registered.ONLY_EXTRA.decrementAndGet();
            added.close();
        };
    }

    /** Holder of the registrations (interfaces cannot have private static fields). */
    final class Registered {
        static final List<CircuitRegistry> EXTRA = new CopyOnWriteArrayList<>();
        static final java.util.concurrent.atomic.AtomicInteger ONLY_EXTRA = new java.util.concurrent.atomic.AtomicInteger();

        private Registered() {
        }

        static List<CircuitRegistry> all() {
            List<CircuitRegistry> out = new java.util.ArrayList<>(EXTRA);
            if (ONLY_EXTRA.get() > 0) {
                return out;
            }
            for (CircuitRegistry r : ServiceLoader.load(CircuitRegistry.class)) {
                out.add(r);
            }
            return out;
        }
    }
}
