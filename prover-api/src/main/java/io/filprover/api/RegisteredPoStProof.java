package io.filprover.api;

/**
 * Registered PoSt proofs in rust-filecoin-proofs-api order (docs/spec/filecoin-porep-post.md §4.4):
 * 0..4 Winning V1, 5..9 Window V1, 10..14 Window V1_2; sizes 2KiB, 8MiB, 512MiB, 32GiB, 64GiB.
 */
public enum RegisteredPoStProof {
    STACKED_DRG_WINNING_2KIB_V1(0), STACKED_DRG_WINNING_8MIB_V1(1), STACKED_DRG_WINNING_512MIB_V1(2),
    STACKED_DRG_WINNING_32GIB_V1(3), STACKED_DRG_WINNING_64GIB_V1(4),
    STACKED_DRG_WINDOW_2KIB_V1(5), STACKED_DRG_WINDOW_8MIB_V1(6), STACKED_DRG_WINDOW_512MIB_V1(7),
    STACKED_DRG_WINDOW_32GIB_V1(8), STACKED_DRG_WINDOW_64GIB_V1(9),
    STACKED_DRG_WINDOW_2KIB_V1_2(10), STACKED_DRG_WINDOW_8MIB_V1_2(11), STACKED_DRG_WINDOW_512MIB_V1_2(12),
    STACKED_DRG_WINDOW_32GIB_V1_2(13), STACKED_DRG_WINDOW_64GIB_V1_2(14);

    /** Which PoSt this proof type produces. */
    public enum Kind { WINNING, WINDOW }

    private final int id;

    RegisteredPoStProof(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public Kind kind() {
        return id < 5 ? Kind.WINNING : Kind.WINDOW;
    }

    public SectorSize sectorSize() {
        return RegisteredSealProof.PUBLISHED[id % 5];
    }

    /** Winning PoSt is always 1.0.0; Window V1_2 changes challenge indexing. */
    public ApiVersion apiVersion() {
        return id >= 10 ? ApiVersion.V1_2_0 : ApiVersion.V1_0_0;
    }

    /** Sectors proven per partition (Window) or selected (Winning). */
    public int sectorCount() {
        return kind() == Kind.WINNING ? sectorSize().winningPostSectors() : sectorSize().windowPostSectorsPerPartition();
    }

    /** Leaf challenges per sector. */
    public int challengeCount() {
        return kind() == Kind.WINNING ? sectorSize().winningPostChallenges() : sectorSize().windowPostChallengesPerSector();
    }

    public String upstreamName() {
        return "StackedDrg" + (kind() == Kind.WINNING ? "Winning" : "Window") + sectorSize().label()
                + (id >= 10 ? "V1_2" : "V1");
    }

    public static RegisteredPoStProof ofId(long id) {
        if (id < 0 || id >= values().length) {
            throw new InvalidInputException("post-proof", "unknown registered PoSt proof id " + id + " (known: 0..14)");
        }
        return values()[(int) id];
    }

    public static RegisteredPoStProof parse(String s) {
        String t = s == null ? "" : s.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            try {
                return ofId(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("post-proof", "unknown registered PoSt proof '" + s + "'");
            }
        }
        for (RegisteredPoStProof p : values()) {
            if (p.upstreamName().equalsIgnoreCase(t) || p.name().equalsIgnoreCase(t)) {
                return p;
            }
        }
        throw new InvalidInputException("post-proof", "unknown registered PoSt proof '" + s + "'");
    }
}
