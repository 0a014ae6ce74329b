package io.filprover.bls12381.poseidon;

import static io.filprover.bls12381.field.FrTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.filprover.bls12381.field.Fr;
import io.filprover.bls12381.field.FrTestSupport;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** ConstantLength sponge hashing, the Custom tag (SnapDeals) and the SAFE sponge API. */
class PoseidonSpongeTest {
    private static final long SEED = new Random().nextLong();

    @Test
    void snapDealsChallengeDigest() {
        Map<String, String> v = new HashMap<>();
        for (String[] r : FrTestSupport.rows("poseidon-snapdeals.txt")) {
            v.put(r[0], r[1]);
        }
        Fr commR = Fr.fromBytesLE(FrTestSupport.bytes(v.get("comm_r_new_le")));
        assertEquals(hex(v.get("comm_r_new")), commR.toBigInteger());
        PoseidonParameters p = PoseidonParameters.of(2, PoseidonStrength.STANDARD, PoseidonHashType.custom(1));
        assertEquals(hex(v.get("digest_0")), PoseidonHasher.hash(p, commR, Fr.ZERO).toBigInteger());
        assertEquals(hex(v.get("digest_0")), PoseidonHasher.hashPlain(p, commR, Fr.ZERO).toBigInteger());
    }

    @Test
    void constantLengthAcrossBlocksZeroPadsTheLastBlock() {
        // 5 inputs at arity 4: [5·2^64, x1..x4] → permute → add x5 into s[1], zero s[2..4]
        // (neptune Poseidon::apply_padding) → permute → s[1]; built here from the plain permutation
        Random rnd = new Random(SEED);
        Fr[] x = new Fr[5];
        for (int i = 0; i < 5; i++) {
            x[i] = Fr.random(rnd);
        }
        PoseidonParameters p = PoseidonParameters.of(4, PoseidonStrength.STANDARD, PoseidonHashType.constantLength(5));
        long[] w = new long[PoseidonPermutation.workLength(5)];
        Fr.fromBigInteger(BigInteger.valueOf(5).shiftLeft(64)).toMontgomeryLimbs(w, 0);
        for (int i = 0; i < 4; i++) {
            x[i].toMontgomeryLimbs(w, 4 + 4 * i);
        }
        PoseidonPermutation.permutePlain(p, w);
        Fr.fromMontgomeryLimbs(w, 4).add(x[4]).toMontgomeryLimbs(w, 4);
        Arrays.fill(w, 8, 20, 0L);
        PoseidonPermutation.permutePlain(p, w);
        assertEquals(Fr.fromMontgomeryLimbs(w, 4), PoseidonHasher.hashConstantLength(p, x), "seed " + SEED);
        assertThrows(IllegalArgumentException.class, () -> PoseidonHasher.hashConstantLength(p, Arrays.copyOf(x, 4)));
    }

    private static List<PoseidonSafeSponge.Op> pattern(String s) {
        List<PoseidonSafeSponge.Op> ops = new ArrayList<>();
        if (s.equals("-")) {
            return ops;
        }
        for (String op : s.split(",")) {
            int n = Integer.parseInt(op.substring(1));
            ops.add(op.charAt(0) == 'A' ? PoseidonSafeSponge.Op.absorb(n) : PoseidonSafeSponge.Op.squeeze(n));
        }
        return ops;
    }

    @Test
    void safeSpongeTagsAndOutputs() {
        List<BigInteger> outs = new ArrayList<>();
        BigInteger spongeTag = null;
        int tags = 0;
        for (String[] r : FrTestSupport.rows("poseidon-safe-sponge.txt")) {
            switch (r[0]) {
                case "tag" -> {
                    assertEquals(new BigInteger(r[3]), PoseidonSafeSponge.tag(pattern(r[1]), Long.parseLong(r[2])), String.join(" ", r));
                    tags++;
                }
                case "sponge_tag" -> spongeTag = hex(r[1]);
                case "out" -> outs.add(hex(r[2]));
                default -> throw new IllegalStateException(r[0]);
            }
        }
        assertEquals(6, tags);
        List<PoseidonSafeSponge.Op> p = pattern("A1,A5,S3");
        assertEquals(spongeTag, PoseidonSafeSponge.tag(p, 0));
        PoseidonSafeSponge sponge = new PoseidonSafeSponge(5, PoseidonStrength.STANDARD, p, 0);
        Fr x = Fr.fromLong(123);
        sponge.absorb(x);
        sponge.absorb(x, x, x, x, x);
        Fr[] out = sponge.squeeze(3);
        sponge.finish();
        assertEquals(3, outs.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(outs.get(i), out[i].toBigInteger(), "out " + i);
        }
    }

    @Test
    void safeSpongeEnforcesThePattern() {
        List<PoseidonSafeSponge.Op> p = pattern("A2,S1");
        PoseidonSafeSponge s = new PoseidonSafeSponge(2, PoseidonStrength.STANDARD, p, 0);
        assertThrows(IllegalStateException.class, () -> s.absorb(Fr.ONE));
        PoseidonSafeSponge s2 = new PoseidonSafeSponge(2, PoseidonStrength.STANDARD, p, 0);
        s2.absorb(Fr.ONE, Fr.ONE);
        assertThrows(IllegalStateException.class, s2::finish);
        // one full rate absorbed, then squeeze permutes once: out = permute([tag, 1, 1])[1]
        PoseidonSafeSponge s3 = new PoseidonSafeSponge(2, PoseidonStrength.STANDARD, p, 0);
        s3.absorb(Fr.ONE, Fr.fromLong(2));
        Fr[] got = s3.squeeze(1);
        s3.finish();
        PoseidonParameters params = PoseidonParameters.of(2, PoseidonStrength.STANDARD, PoseidonHashType.SPONGE);
        long[] w = new long[PoseidonPermutation.workLength(3)];
        Fr.fromBigInteger(PoseidonSafeSponge.tag(p, 0)).toMontgomeryLimbs(w, 0);
        Fr.ONE.toMontgomeryLimbs(w, 4);
        Fr.fromLong(2).toMontgomeryLimbs(w, 8);
        PoseidonPermutation.permutePlain(params, w);
        assertArrayEquals(new Fr[] {Fr.fromMontgomeryLimbs(w, 4)}, got);
    }
}
