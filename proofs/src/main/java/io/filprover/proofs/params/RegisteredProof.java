package io.filprover.proofs.params;

import io.filprover.api.InvalidInputException;
import io.filprover.api.RegisteredPoStProof;
import io.filprover.api.RegisteredSealProof;
import io.filprover.api.SectorSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A registered seal proof or a registered PoSt proof: what {@code --proof} names. The numeric ids
 * of the two registries overlap (0..14), so only names are accepted here.
 */
public record RegisteredProof(RegisteredSealProof seal, RegisteredPoStProof post) {
    public RegisteredProof {
        if ((seal == null) == (post == null)) {
            throw new IllegalArgumentException("exactly one of seal and post must be given");
        }
    }

    public static RegisteredProof of(RegisteredSealProof seal) {
        return new RegisteredProof(Objects.requireNonNull(seal), null);
    }

    public static RegisteredProof of(RegisteredPoStProof post) {
        return new RegisteredProof(null, Objects.requireNonNull(post));
    }

    public boolean isSeal() {
        return seal != null;
    }

    /** The upstream name, e.g. {@code StackedDrg32GiBV1_1} or {@code StackedDrgWindow32GiBV1_2}. */
    public String upstreamName() {
        return isSeal() ? seal.upstreamName() : post.upstreamName();
    }

    public SectorSize sectorSize() {
        return isSeal() ? seal.sectorSize() : post.sectorSize();
    }

    /** Every registered proof: the 20 seal proofs then the 15 PoSt proofs. */
    public static List<RegisteredProof> all() {
        List<RegisteredProof> out = new ArrayList<>();
        for (RegisteredSealProof p : RegisteredSealProof.values()) {
            out.add(of(p));
        }
        for (RegisteredPoStProof p : RegisteredPoStProof.values()) {
            out.add(of(p));
        }
        return out;
    }

    /**
     * Parses an upstream name ({@code StackedDrg2KiBV1_1}, {@code StackedDrgWinning2KiBV1}) or an
     * enum name ({@code STACKED_DRG_2KIB_V1_1}), case-insensitively; {@code field} names the option.
     */
    public static RegisteredProof parse(String text, String field) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new InvalidInputException(field, "missing registered proof name (e.g. StackedDrg2KiBV1_1, StackedDrgWindow2KiBV1_2)");
        }
        if (t.chars().allMatch(Character::isDigit)) {
            throw new InvalidInputException(field, "'" + t + "' is ambiguous: seal and PoSt proof ids overlap; "
                    + "give the name, e.g. StackedDrg2KiBV1_1 or StackedDrgWinning2KiBV1");
        }
        for (RegisteredProof p : all()) {
            String enumName = p.isSeal() ? p.seal.name() : p.post.name();
            if (p.upstreamName().equalsIgnoreCase(t) || enumName.equalsIgnoreCase(t)) {
                return p;
            }
        }
        throw new InvalidInputException(field, "unknown registered proof '" + t
                + "' (e.g. StackedDrg2KiBV1_1, StackedDrgWinning2KiBV1, StackedDrgWindow32GiBV1_2)");
    }

    @Override
    public String toString() {
        return upstreamName();
    }
}
