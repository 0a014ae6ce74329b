package io.filprover.bls12381.curve;

import static org.junit.jupiter.api.Assertions.*;

import io.filprover.bls12381.curve.PointDecodingException.Reason;

import io.filprover.bls12381.field.Fq;
import io.filprover.bls12381.field.Fq2;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** zcash-format encodings: vectors from the vectors file docs/spec/test-vectors-poseidon-groth16.md §1, round trips, hostile input. */
class PointCodecTest {
    private final long seed = System.nanoTime();
    private final Random rnd = new Random(seed);

    @Test
    void generatorVectors() {
        assertArrayEquals(BlsTestVectors.bytes("g1.compressed"), PointCodec.g1ToCompressed(G1.GENERATOR));
        assertArrayEquals(BlsTestVectors.bytes("g1.uncompressed"), PointCodec.g1ToUncompressed(G1.GENERATOR));
        assertArrayEquals(BlsTestVectors.bytes("g1.neg.compressed"), PointCodec.g1ToCompressed(G1.GENERATOR.neg()));
        assertArrayEquals(BlsTestVectors.bytes("g1.double.compressed"), PointCodec.g1ToCompressed(G1.generator().dbl().toAffine()));
        assertArrayEquals(BlsTestVectors.bytes("g1.identity.compressed"), PointCodec.g1ToCompressed(G1.CURVE.infinity()));
        assertArrayEquals(BlsTestVectors.bytes("g1.identity.uncompressed"), PointCodec.g1ToUncompressed(G1.CURVE.infinity()));
        assertArrayEquals(BlsTestVectors.bytes("g2.compressed"), PointCodec.g2ToCompressed(G2.GENERATOR));
        assertArrayEquals(BlsTestVectors.bytes("g2.uncompressed"), PointCodec.g2ToUncompressed(G2.GENERATOR));
        assertArrayEquals(BlsTestVectors.bytes("g2.double.compressed"), PointCodec.g2ToCompressed(G2.generator().dbl().toAffine()));
        assertArrayEquals(BlsTestVectors.bytes("g2.identity.compressed"), PointCodec.g2ToCompressed(G2.CURVE.infinity()));

        assertEquals(G1.GENERATOR, PointCodec.g1FromCompressed(BlsTestVectors.bytes("g1.compressed")));
        assertEquals(G1.GENERATOR, PointCodec.g1FromUncompressed(BlsTestVectors.bytes("g1.uncompressed")));
        assertEquals(G1.GENERATOR.neg(), PointCodec.g1FromCompressed(BlsTestVectors.bytes("g1.neg.compressed")));
        assertEquals(G2.GENERATOR, PointCodec.g2FromCompressed(BlsTestVectors.bytes("g2.compressed")));
        assertEquals(G2.GENERATOR, PointCodec.g2FromUncompressed(BlsTestVectors.bytes("g2.uncompressed")));
        assertTrue(PointCodec.g1FromCompressed(BlsTestVectors.bytes("g1.identity.compressed")).isInfinity());
        assertTrue(PointCodec.g1FromUncompressed(BlsTestVectors.bytes("g1.identity.uncompressed")).isInfinity());
        assertTrue(PointCodec.g2FromCompressed(BlsTestVectors.bytes("g2.identity.compressed")).isInfinity());
        byte[] g2InfU = new byte[192];
        g2InfU[0] = 0x40;
        assertTrue(PointCodec.g2FromUncompressed(g2InfU).isInfinity());
        assertArrayEquals(g2InfU, PointCodec.g2ToUncompressed(G2.CURVE.infinity()));
    }

    @Test
    void roundTrips() {
        for (int i = 0; i < 30; i++) {
            BigInteger k = CurveTestSupport.randomScalar(rnd);
            AffinePoint<Fq> p = G1.generator().mul(k).toAffine();
            AffinePoint<Fq2> q = G2.generator().mul(k).toAffine();
            String m = "seed=" + seed;
            assertEquals(p, PointCodec.g1FromCompressed(PointCodec.g1ToCompressed(p)), m);
            assertEquals(p, PointCodec.g1FromUncompressed(PointCodec.g1ToUncompressed(p)), m);
            assertEquals(p.neg(), PointCodec.g1FromCompressed(PointCodec.g1ToCompressed(p.neg())), m);
            assertEquals(q, PointCodec.g2FromCompressed(PointCodec.g2ToCompressed(q)), m);
            assertEquals(q, PointCodec.g2FromUncompressed(PointCodec.g2ToUncompressed(q)), m);
            assertEquals(q.neg(), PointCodec.g2FromCompressed(PointCodec.g2ToCompressed(q.neg())), m);
            // a point and its negation differ only in the sort flag
            byte[] a = PointCodec.g1ToCompressed(p), b = PointCodec.g1ToCompressed(p.neg());
            assertEquals(0x20, (a[0] ^ b[0]) & 0xff, m);
        }
    }

    private static void expect(Reason reason, Runnable r) {
        PointDecodingException e = assertThrows(PointDecodingException.class, r::run);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(reason.name()));
    }

    @Test
    void hostileInputsG1() {
        byte[] c = PointCodec.g1ToCompressed(G1.generator().mul(CurveTestSupport.randomScalar(rnd)).toAffine());
        byte[] u = PointCodec.g1ToUncompressed(G1.generator().mul(CurveTestSupport.randomScalar(rnd)).toAffine());
        expect(Reason.WRONG_LENGTH, () -> PointCodec.g1FromCompressed(null));
        expect(Reason.WRONG_LENGTH, () -> PointCodec.g1FromCompressed(Arrays.copyOf(c, 47)));
        expect(Reason.WRONG_LENGTH, () -> PointCodec.g1FromCompressed(Arrays.copyOf(c, 49)));
        expect(Reason.WRONG_LENGTH, () -> PointCodec.g1FromCompressed(new byte[0]));
        expect(Reason.WRONG_LENGTH, () -> PointCodec.g1FromUncompressed(Arrays.copyOf(u, 95)));
        expect(Reason.WRONG_LENGTH, () -> PointCodec.g1FromUncompressed(c));
        expect(Reason.COMPRESSION_FLAG_MISMATCH, () -> PointCodec.g1FromCompressed(flip(c, 0, 0x80)));
        expect(Reason.COMPRESSION_FLAG_MISMATCH, () -> PointCodec.g1FromUncompressed(flip(u, 0, 0x80)));
        expect(Reason.UNEXPECTED_SORT_FLAG, () -> PointCodec.g1FromUncompressed(flip(u, 0, 0x20)));
        byte[] inf = BlsTestVectors.bytes("g1.identity.compressed");
        expect(Reason.INVALID_INFINITY, () -> PointCodec.g1FromCompressed(flip(inf, 0, 0x20)));
        expect(Reason.INVALID_INFINITY, () -> PointCodec.g1FromCompressed(flip(inf, 47, 0x01)));
        expect(Reason.INVALID_INFINITY, () -> PointCodec.g1FromCompressed(flip(inf, 0, 0x01)));
        byte[] infU = BlsTestVectors.bytes("g1.identity.uncompressed");
        expect(Reason.INVALID_INFINITY, () -> PointCodec.g1FromUncompressed(flip(infU, 95, 0x01)));
        // x = q (and x = q + small) with the compression flag
        byte[] xq = fq48(Fq.MODULUS);
        xq[0] |= (byte) 0x80;
        expect(Reason.NON_CANONICAL_COORDINATE, () -> PointCodec.g1FromCompressed(xq));
        byte[] uq = u.clone();
        System.arraycopy(fq48(Fq.MODULUS.add(BigInteger.ONE)), 0, uq, 48, 48);
        expect(Reason.NON_CANONICAL_COORDINATE, () -> PointCodec.g1FromUncompressed(uq));
        // off curve: y + 1
        byte[] off = u.clone();
        Fq y = Fq.fromBytesBE(u, 48).add(Fq.ONE);
        y.toBytesBE(off, 48);
        expect(Reason.NOT_ON_CURVE, () -> PointCodec.g1FromUncompressed(off));
        // compressed x with no square root of x³ + 4
        Fq x;
        do { x = Fq.random(rnd); } while (x.square().mul(x).add(G1.CURVE.b()).legendre() != -1);
        byte[] nx = x.toBytesBE();
        nx[0] |= (byte) 0x80;
        expect(Reason.NOT_ON_CURVE, () -> PointCodec.g1FromCompressed(nx));
        // on the curve but outside G1
        AffinePoint<Fq> bad = CurveTestSupport.randomCurvePointG1(rnd);
        expect(Reason.NOT_IN_SUBGROUP, () -> PointCodec.g1FromCompressed(PointCodec.g1ToCompressed(bad)));
        expect(Reason.NOT_IN_SUBGROUP, () -> PointCodec.g1FromUncompressed(PointCodec.g1ToUncompressed(bad)));
        assertEquals(bad, PointCodec.g1FromCompressedNoSubgroupCheck(PointCodec.g1ToCompressed(bad)));
        assertEquals(bad, PointCodec.g1FromUncompressedNoSubgroupCheck(PointCodec.g1ToUncompressed(bad)));
    }

    @Test
    void hostileInputsG2() {
        byte[] c = PointCodec.g2ToCompressed(G2.generator().mul(CurveTestSupport.randomScalar(rnd)).toAffine());
        byte[] u = PointCodec.g2ToUncompressed(G2.generator().mul(CurveTestSupport.randomScalar(rnd)).toAffine());
        expect(Reason.WRONG_LENGTH, () -> PointCodec.g2FromCompressed(Arrays.copyOf(c, 95)));
        expect(Reason.WRONG_LENGTH, () -> PointCodec.g2FromUncompressed(Arrays.copyOf(u, 191)));
        expect(Reason.WRONG_LENGTH, () -> PointCodec.g2FromUncompressed(null));
        expect(Reason.COMPRESSION_FLAG_MISMATCH, () -> PointCodec.g2FromCompressed(flip(c, 0, 0x80)));
        expect(Reason.COMPRESSION_FLAG_MISMATCH, () -> PointCodec.g2FromUncompressed(flip(u, 0, 0x80)));
        expect(Reason.UNEXPECTED_SORT_FLAG, () -> PointCodec.g2FromUncompressed(flip(u, 0, 0x20)));
        byte[] inf = BlsTestVectors.bytes("g2.identity.compressed");
        expect(Reason.INVALID_INFINITY, () -> PointCodec.g2FromCompressed(flip(inf, 95, 0x01)));
        expect(Reason.INVALID_INFINITY, () -> PointCodec.g2FromCompressed(flip(inf, 0, 0x20)));
        // x.c1 = q, or x.c0 = q
        byte[] c1q = c.clone();
        byte[] q48 = fq48(Fq.MODULUS);
        System.arraycopy(q48, 0, c1q, 0, 48);
        c1q[0] |= (byte) 0x80;
        expect(Reason.NON_CANONICAL_COORDINATE, () -> PointCodec.g2FromCompressed(c1q));
        byte[] c0q = c.clone();
        System.arraycopy(q48, 0, c0q, 48, 48);
        expect(Reason.NON_CANONICAL_COORDINATE, () -> PointCodec.g2FromCompressed(c0q));
        byte[] yq = u.clone();
        System.arraycopy(q48, 0, yq, 144, 48);
        expect(Reason.NON_CANONICAL_COORDINATE, () -> PointCodec.g2FromUncompressed(yq));
        byte[] off = flip(u, 191, 0x01);
        expect(Reason.NOT_ON_CURVE, () -> PointCodec.g2FromUncompressed(off));
        Fq2 x;
        do { x = Fq2.random(rnd); } while (x.square().mul(x).add(G2.CURVE.b()).isSquare());
        AffinePoint<Fq2> fake = AffinePoint.of(G2.CURVE, x, Fq2.ONE);
        byte[] nx = PointCodec.g2ToCompressed(fake);
        expect(Reason.NOT_ON_CURVE, () -> PointCodec.g2FromCompressed(nx));
        AffinePoint<Fq2> bad = CurveTestSupport.randomCurvePointG2(rnd);
        expect(Reason.NOT_IN_SUBGROUP, () -> PointCodec.g2FromCompressed(PointCodec.g2ToCompressed(bad)));
        expect(Reason.NOT_IN_SUBGROUP, () -> PointCodec.g2FromUncompressed(PointCodec.g2ToUncompressed(bad)));
        assertEquals(bad, PointCodec.g2FromCompressedNoSubgroupCheck(PointCodec.g2ToCompressed(bad)));
    }

    /** 100,000 random byte strings: decoders either succeed or throw PointDecodingException. */
    @Test
    void fuzzOnlyThrowsPointDecodingException() {
        int[] lengths = {48, 96, 192};
        @SuppressWarnings("unchecked")
        Function<byte[], Object>[] decoders = new Function[] {
            (Function<byte[], Object>) PointCodec::g1FromCompressed,
            (Function<byte[], Object>) PointCodec::g1FromUncompressed,
            (Function<byte[], Object>) PointCodec::g2FromCompressed,
            (Function<byte[], Object>) PointCodec::g2FromUncompressed,
        };
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            int which = rnd.nextInt(4);
            int len = rnd.nextInt(10) == 0 ? rnd.nextInt(200) : lengths[which == 0 ? 0 : which == 3 ? 2 : 1];
            byte[] in = new byte[len];
            rnd.nextBytes(in);
            if (len > 0 && rnd.nextInt(4) == 0) { // mostly-zero with flags: exercises the infinity paths
                Arrays.fill(in, 1, len, (byte) 0);
                if (rnd.nextBoolean() && len > 1) in[len - 1] = (byte) rnd.nextInt(2);
            }
            try {
                Object p = decoders[which].apply(in);
                assertNotNull(p);
                accepted++;
            } catch (PointDecodingException e) {
                assertNotNull(e.reason());
            } catch (RuntimeException e) {
                fail("seed=" + seed + " iteration " + i + " input " + java.util.HexFormat.of().formatHex(in), e);
            }
        }
        assertTrue(accepted > 0, "the fuzz should hit some valid encodings (infinity); seed=" + seed);
    }

    private static byte[] flip(byte[] in, int idx, int mask) {
        byte[] out = in.clone();
        out[idx] ^= (byte) mask;
        return out;
    }

    private static byte[] fq48(BigInteger v) {
        byte[] out = new byte[48];
        byte[] raw = v.toByteArray();
        int n = Math.min(raw.length, 48);
        System.arraycopy(raw, raw.length - n, out, 48 - n, n);
        return out;
    }
}
