package io.filprover.proofs.post;

import io.filprover.api.InvalidInputException;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * bincode 1.x (default options: little-endian, u64 lengths, u32 enum tags) of
 * {@link FallbackPoStSectorProof}, byte for byte as rust-fil-proofs writes it (docs/spec/filecoin-porep-post.md §10.5).
 * Decoding is strict: every length is checked against the bytes left before anything is
 * allocated, unknown variants and trailing bytes are rejected.
 */
public final class VanillaPoStCodec {
    private static final int HASH = 32;

    private VanillaPoStCodec() {
    }

    public static byte[] encode(FallbackPoStSectorProof p) {
        Writer w = new Writer();
        w.u64(p.sectorId());
        w.bytes32(p.commR());
        w.u64(p.sectors().size());
        for (SectorProof s : p.sectors()) {
            w.u64(s.inclusionProofs().size());
            for (MerkleProof m : s.inclusionProofs()) {
                writeMerkleProof(w, m);
            }
            w.bytes32(s.commC());
            w.bytes32(s.commRLast());
        }
        return w.out.toByteArray();
    }

    /** Decodes one proof; throws {@link InvalidInputException} (field "vanilla-proof") naming the defect. */
    public static FallbackPoStSectorProof decode(byte[] bytes) {
        Reader r = new Reader(bytes);
        long sectorId = r.u64("sector_id");
        byte[] commR = r.bytes32("comm_r");
        int sectors = r.count("sectors", 8 + 2 * HASH);
        List<SectorProof> list = new ArrayList<>(sectors);
        for (int i = 0; i < sectors; i++) {
            int proofs = r.count("inclusion_proofs", 4 + 2 * HASH + 8);
            List<MerkleProof> mps = new ArrayList<>(proofs);
            for (int j = 0; j < proofs; j++) {
                mps.add(readMerkleProof(r));
            }
            list.add(new SectorProof(mps, r.bytes32("comm_c"), r.bytes32("comm_r_last")));
        }
        if (r.buf.hasRemaining()) {
            throw bad(r.buf.remaining() + " trailing bytes after the proof");
        }
        return new FallbackPoStSectorProof(sectorId, commR, list);
    }

    static void writeMerkleProof(Writer w, MerkleProof m) {
        w.u32(m.kind().ordinal());
        switch (m.kind()) {
            case SINGLE:
                w.bytes32(m.root());
                w.bytes32(m.leaf());
                writePath(w, m.base());
                break;
            case SUB:
                writePath(w, m.base());
                writePath(w, m.sub());
                w.bytes32(m.root());
                w.bytes32(m.leaf());
                break;
            default:
                writePath(w, m.base());
                writePath(w, m.sub());
                writePath(w, m.top());
                w.bytes32(m.root());
                w.bytes32(m.leaf());
        }
    }

    static MerkleProof readMerkleProof(Reader r) {
        long tag = r.u32("merkle proof variant");
        switch ((int) tag) {
            case 0: {
                byte[] root = r.bytes32("root");
                byte[] leaf = r.bytes32("leaf");
                return new MerkleProof(MerkleProof.Kind.SINGLE, readPath(r), List.of(), List.of(), root, leaf);
            }
            case 1: {
                List<PathElement> base = readPath(r);
                List<PathElement> sub = readPath(r);
                return new MerkleProof(MerkleProof.Kind.SUB, base, sub, List.of(), r.bytes32("root"), r.bytes32("leaf"));
            }
            case 2: {
                List<PathElement> base = readPath(r);
                List<PathElement> sub = readPath(r);
                List<PathElement> top = readPath(r);
                return new MerkleProof(MerkleProof.Kind.TOP, base, sub, top, r.bytes32("root"), r.bytes32("leaf"));
            }
            default:
                throw bad("unknown merkle proof variant " + tag + " (expected 0 Single, 1 Sub or 2 Top)");
        }
    }

    private static void writePath(Writer w, List<PathElement> path) {
        w.u64(path.size());
        for (PathElement e : path) {
            w.u64(e.siblings().size());
            for (byte[] h : e.siblings()) {
                w.bytes32(h);
            }
            w.u64(e.index());
        }
    }

    private static List<PathElement> readPath(Reader r) {
        int n = r.count("path", 16);
        List<PathElement> path = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = r.count("path element hashes", HASH);
            List<byte[]> hashes = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                hashes.add(r.bytes32("sibling"));
            }
            long index = r.u64("path index");
            if (index < 0 || index > k) {
                throw bad("path index " + Long.toUnsignedString(index) + " out of range for " + (k + 1) + " children");
            }
            path.add(new PathElement(hashes, index));
        }
        return path;
    }

    static InvalidInputException bad(String message) {
        return new InvalidInputException("vanilla-proof", message);
    }

    static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void u64(long v) {
            scratch.clear();
            scratch.putLong(v);
            out.write(scratch.array(), 0, 8);
        }

        void u32(int v) {
            scratch.clear();
            scratch.putInt(v);
            out.write(scratch.array(), 0, 4);
        }

        void bytes32(byte[] b) {
            if (b.length != HASH) {
                throw new IllegalArgumentException("expected 32 bytes, got " + b.length);
            }
            out.writeBytes(b);
        }
    }

    static final class Reader {
        final ByteBuffer buf;

        Reader(byte[] bytes) {
            buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        private void need(long n, String what) {
            if (buf.remaining() < n) {
                throw bad("truncated: " + what + " needs " + n + " bytes at offset " + buf.position()
                        + ", " + buf.remaining() + " left");
            }
        }

        long u64(String what) {
            need(8, what);
            return buf.getLong();
        }

        long u32(String what) {
            need(4, what);
            return Integer.toUnsignedLong(buf.getInt());
        }

        byte[] bytes32(String what) {
            need(HASH, what);
            byte[] b = new byte[HASH];
            buf.get(b);
            return b;
        }

        /** A u64 element count, bounded by what the remaining bytes could hold at minElementSize each. */
        int count(String what, int minElementSize) {
            long n = u64(what + " length");
            if (n < 0 || n > buf.remaining() / minElementSize) {
                throw bad(what + " length " + Long.toUnsignedString(n) + " exceeds the " + buf.remaining()
                        + " bytes left at offset " + buf.position());
            }
            return (int) n;
        }
    }
}
