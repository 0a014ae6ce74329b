package io.filprover.proofs.groth16.prover;

import java.util.EnumMap;
import java.util.Map;

/** Accumulates phase times of one proving call and hands each finished phase to a listener. */
public final class PhaseTimer {
    private final ProverListener listener;
    private final Map<ProverPhase, Long> started = new EnumMap<>(ProverPhase.class);

    public PhaseTimer(ProverListener listener) {
        this.listener = listener;
    }

    public static PhaseTimer none() {
        return new PhaseTimer(ProverListener.NONE);
    }

    public void start(ProverPhase p) {
        started.put(p, System.nanoTime());
    }

    public void stop(ProverPhase p) {
        Long t0 = started.remove(p);
        if (t0 == null) {
            throw new IllegalStateException("phase " + p + " was not started");
        }
        listener.phaseCompleted(p, System.nanoTime() - t0);
    }
}
