package io.filprover.bls12381.poseidon;

/** neptune's {@code Strength}: Filecoin uses {@link #STANDARD} everywhere. */
public enum PoseidonStrength {
    STANDARD,
    /** R_P' = ⌈1.25·R_P⌉ partial rounds. */
    STRENGTHENED
}
