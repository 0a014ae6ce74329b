package io.filprover.api;

import java.util.Locale;

/**
 * Registered seal proofs with their on-chain numeric ids (rust-filecoin-proofs-api registry,
 * docs/spec/filecoin-porep-post.md §4.4): id = 5 × group + size index, sizes 2KiB, 8MiB, 512MiB, 32GiB, 64GiB.
 */
public enum RegisteredSealProof {
    STACKED_DRG_2KIB_V1(0), STACKED_DRG_8MIB_V1(1), STACKED_DRG_512MIB_V1(2), STACKED_DRG_32GIB_V1(3), STACKED_DRG_64GIB_V1(4),
    STACKED_DRG_2KIB_V1_1(5), STACKED_DRG_8MIB_V1_1(6), STACKED_DRG_512MIB_V1_1(7), STACKED_DRG_32GIB_V1_1(8), STACKED_DRG_64GIB_V1_1(9),
    STACKED_DRG_2KIB_V1_1_FEAT_SYNTHETIC_POREP(10), STACKED_DRG_8MIB_V1_1_FEAT_SYNTHETIC_POREP(11),
    STACKED_DRG_512MIB_V1_1_FEAT_SYNTHETIC_POREP(12), STACKED_DRG_32GIB_V1_1_FEAT_SYNTHETIC_POREP(13),
    STACKED_DRG_64GIB_V1_1_FEAT_SYNTHETIC_POREP(14),
    STACKED_DRG_2KIB_V1_2_FEAT_NON_INTERACTIVE_POREP(15), STACKED_DRG_8MIB_V1_2_FEAT_NON_INTERACTIVE_POREP(16),
    STACKED_DRG_512MIB_V1_2_FEAT_NON_INTERACTIVE_POREP(17), STACKED_DRG_32GIB_V1_2_FEAT_NON_INTERACTIVE_POREP(18),
    STACKED_DRG_64GIB_V1_2_FEAT_NON_INTERACTIVE_POREP(19);

    static final SectorSize[] PUBLISHED = {
        SectorSize.SIZE_2KIB, SectorSize.SIZE_8MIB, SectorSize.SIZE_512MIB, SectorSize.SIZE_32GIB, SectorSize.SIZE_64GIB
    };
    private static final String[] GROUP_SUFFIX = {"V1", "V1_1", "V1_1_Feat_SyntheticPoRep", "V1_2_Feat_NonInteractivePoRep"};

    private final int id;

    RegisteredSealProof(int id) {
        this.id = id;
    }

    /** The numeric id as on chain. */
    public int id() {
        return id;
    }

    public SectorSize sectorSize() {
        return PUBLISHED[id % 5];
    }

    public ApiVersion apiVersion() {
        switch (id / 5) {
            case 0: return ApiVersion.V1_0_0;
            case 1: return ApiVersion.V1_1_0;
            default: return ApiVersion.V1_2_0; // SyntheticPoRep is 1.2.0 although its name says 1_1
        }
    }

    public PoRepFeature feature() {
        switch (id / 5) {
            case 2: return PoRepFeature.SYNTHETIC;
            case 3: return PoRepFeature.NON_INTERACTIVE;
            default: return PoRepFeature.NONE;
        }
    }

    public int partitions() {
        return sectorSize().porepPartitions(feature());
    }

    /** porep_id: u64_LE(id) || u64_LE(nonce 0) || 16 zero bytes. */
    public byte[] porepId() {
        return porepIdOf(id);
    }

    /** The 32-byte porep_id for any numeric id (tests use ids outside the registry too). */
    public static byte[] porepIdOf(long id) {
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (id >>> (8 * i));
        }
        return out;
    }

    /** The upstream name, e.g. {@code StackedDrg32GiBV1_1}. */
    public String upstreamName() {
        return "StackedDrg" + sectorSize().label() + GROUP_SUFFIX[id / 5];
    }

    public static RegisteredSealProof ofId(long id) {
        if (id < 0 || id >= values().length) {
            throw new InvalidInputException("porep-id", "unknown registered seal proof id " + id + " (known: 0..19)");
        }
        return values()[(int) id];
    }

    /** Accepts the numeric id, the upstream name or the enum name, case-insensitively. */
    public static RegisteredSealProof parse(String s) {
        String t = s == null ? "" : s.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            try {
                return ofId(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("porep-id", "unknown registered seal proof '" + s + "'");
            }
        }
        for (RegisteredSealProof p : values()) {
            if (p.upstreamName().equalsIgnoreCase(t) || p.name().equalsIgnoreCase(t.toUpperCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new InvalidInputException("porep-id", "unknown registered seal proof '" + s + "'");
    }

    /** The registered proof of this size with the given API version and feature. */
    public static RegisteredSealProof of(SectorSize size, ApiVersion version, PoRepFeature feature) {
        for (RegisteredSealProof p : values()) {
            if (p.sectorSize() == size && p.feature() == feature && p.apiVersion() == version) {
                return p;
            }
        }
        throw new InvalidInputException("porep-id", "no registered seal proof for " + size + " " + version + " " + feature);
    }
}
