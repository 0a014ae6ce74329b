package io.filprover.bls12381.poseidon;

/**
 * neptune's round numbers (docs/spec/poseidon-groth16-gpu.md §2.1): R_F = 8 for every width here, R_P per
 * width from neptune's table. neptune derives them with 32-bit float inequalities; we use the
 * published table instead of re-deriving (a double-precision port can differ at boundaries).
 */
public final class PoseidonRoundNumbers {
    public static final int FULL_ROUNDS = 8;

    /** Widths t = 2..12 (index t − 2), Strength::Standard. */
    private static final int[] PARTIAL_SMALL = {55, 55, 56, 56, 56, 56, 57, 57, 57, 57, 57};

    private PoseidonRoundNumbers() {
    }

    /** Whether round numbers are known for width t = arity + 1. */
    public static boolean isSupportedWidth(int width) {
        return width >= 2 && width <= 12 || width == 17 || width == 25 || width == 37 || width == 65;
    }

    /** R_P for width t = arity + 1. */
    public static int partialRounds(int width, PoseidonStrength strength) {
        int standard;
        if (width >= 2 && width <= 12) {
            standard = PARTIAL_SMALL[width - 2];
        } else if (width == 17 || width == 25) {
            standard = 59;
        } else if (width == 37) {
            standard = 60;
        } else if (width == 65) {
            standard = 61;
        } else {
            throw new IllegalArgumentException("no Poseidon round numbers for width " + width
                    + " (supported arities: 1..11, 16, 24, 36, 64)");
        }
        // Strengthened: ⌈1.25·R_P⌉
        return strength == PoseidonStrength.STANDARD ? standard : (5 * standard + 3) / 4;
    }
}
