package io.filprover.proofs.merkle.circuit;

import io.filprover.bls12381.field.Fr;
import io.filprover.proofs.gadgets.AllocatedNum;
import io.filprover.proofs.gadgets.IndexBit;
import io.filprover.proofs.gadgets.Insertion;
import io.filprover.proofs.gadgets.MerkleHasherGadget;
import io.filprover.proofs.gadgets.Multipack;
import io.filprover.proofs.merkle.MerkleProof;
import io.filprover.proofs.merkle.PathElement;
import io.filprover.proofs.r1cs.Circuit;
import io.filprover.proofs.r1cs.ConstraintSystem;
import io.filprover.proofs.r1cs.SynthesisException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * rust-fil-proofs' proof-of-retrievability circuit ({@code PoRCircuit},
 * storage-proofs-core/src/gadgets/por.rs), generic over the node hash: the leaf climbs the base,
 * sub and top paths; at each level the index bits are allocated (1 booleanity constraint each),
 * the node is inserted among its witnessed siblings ({@link Insertion#insert}) and hashed; all
 * index bits are packed into one public input (the challenge); the computed root must equal the
 * root, which is a public input unless {@code privateRoot}.
 *
 * <p>Public inputs (after ONE): the challenge, then the root when public
 * ({@link #publicInputs}). Variables, constraints and names are upstream's, in its order.
 */
public final class PorCircuit implements Circuit<Fr> {

    /**
     * A tree's arities as rust-fil-proofs' MerkleTreeTrait (base arity U, sub V, top W; 0 = level
     * absent), all powers of two.
     */
    public record Shape(int base, int sub, int top) {
        public Shape {
            if (Integer.bitCount(base) != 1 || base < 2 || (sub != 0 && Integer.bitCount(sub) != 1)
                    || (top != 0 && Integer.bitCount(top) != 1) || (top != 0 && sub == 0)) {
                throw new IllegalArgumentException("bad tree shape " + base + "-" + sub + "-" + top);
            }
        }

        /** Number of base trees (storage-proofs-core get_base_tree_count). */
        public int baseTreeCount() {
            return (sub == 0 ? 1 : sub) * (top == 0 ? 1 : top);
        }

        /** Levels in a base tree's path (storage-proofs-core merkle/proof.rs base_path_length). */
        public int baseLevels(long leaves) {
            long perBase = leaves / baseTreeCount();
            int levels = 0;
            for (long n = perBase; n > 1; n /= base) {
                levels++;
            }
            if (Math.pow(base, levels) != perBase || perBase * baseTreeCount() != leaves) {
                throw new IllegalArgumentException(leaves + " leaves do not fill a " + this + " tree");
            }
            return levels;
        }

        @Override
        public String toString() {
            return base + "-" + sub + "-" + top;
        }
    }

    /** One path level: the arity − 1 siblings (entries null without a witness) and the node's index (null too). */
    public record Level(int arity, List<Fr> siblings, Integer index) {
        public Level {
            if (siblings.size() != arity - 1) {
                throw new IllegalArgumentException(siblings.size() + " siblings at arity " + arity);
            }
            siblings = Collections.unmodifiableList(new ArrayList<>(siblings));
        }

        /** A level without a witness (setup, counting). */
        public static Level blank(int arity) {
            return new Level(arity, Collections.nCopies(arity - 1, null), null);
        }
    }

    /**
     * Upstream's {@code Root}: either a value to allocate (null without a witness) or a number
     * another gadget already allocated.
     */
    public record Root(AllocatedNum<Fr> var, Fr val) {
        public static Root value(Fr val) {
            return new Root(null, val);
        }

        public static Root allocated(AllocatedNum<Fr> var) {
            return new Root(var, null);
        }

        AllocatedNum<Fr> allocate(ConstraintSystem<Fr> cs, String name) {
            return var != null ? var : AllocatedNum.alloc(cs, name, () -> require(val, name));
        }
    }

    private final MerkleHasherGadget hasher;
    private final Root leaf;
    private final List<Level> base;
    private final List<Level> sub;
    private final List<Level> top;
    private final Root root;
    private final boolean privateRoot;

    public PorCircuit(MerkleHasherGadget hasher, Root leaf, List<Level> base, List<Level> sub, List<Level> top,
                      Root root, boolean privateRoot) {
        if (sub.size() > 1 || top.size() > 1 || (!top.isEmpty() && sub.isEmpty())) {
            throw new IllegalArgumentException("at most one sub and one top level, top only with sub");
        }
        this.hasher = hasher;
        this.leaf = leaf;
        this.base = List.copyOf(base);
        this.sub = List.copyOf(sub);
        this.top = List.copyOf(top);
        this.root = root;
        this.privateRoot = privateRoot;
    }

    /** The circuit for a vanilla inclusion proof (PoRCircuit::new): leaf, path and root from the proof. */
    public static PorCircuit fromProof(MerkleHasherGadget hasher, Shape shape, MerkleProof proof, boolean privateRoot) {
        if (!proof.hasShape(shape.base(), proof.base().size(), shape.sub(), shape.top())) {
            throw new IllegalArgumentException("proof does not have shape " + shape);
        }
        return new PorCircuit(hasher, Root.value(Fr.fromBytesLE(proof.leaf())), levels(proof.base()),
                levels(proof.sub()), levels(proof.top()), Root.value(Fr.fromBytesLE(proof.root())), privateRoot);
    }

    /** The witness-free circuit for parameter generation and counting (PoRCompound::blank_circuit). */
    public static PorCircuit blank(MerkleHasherGadget hasher, Shape shape, long leaves, boolean privateRoot) {
        List<Level> base = new ArrayList<>();
        for (int i = 0; i < shape.baseLevels(leaves); i++) {
            base.add(Level.blank(shape.base()));
        }
        List<Level> sub = shape.sub() == 0 ? List.of() : List.of(Level.blank(shape.sub()));
        List<Level> top = shape.top() == 0 ? List.of() : List.of(Level.blank(shape.top()));
        return new PorCircuit(hasher, Root.value(null), base, sub, top, Root.value(null), privateRoot);
    }

    /** PoRCompound::generate_public_inputs: the challenge, then the root unless it is private (null). */
    public static List<Fr> publicInputs(long challenge, Fr publicRoot) {
        if (challenge < 0) {
            throw new IllegalArgumentException("negative challenge " + challenge);
        }
        return publicRoot == null ? List.of(Fr.fromLong(challenge)) : List.of(Fr.fromLong(challenge), publicRoot);
    }

    /** The circuit levels of a vanilla path segment (base, sub or top), with its siblings and indices as witness. */
    public static List<Level> levels(List<PathElement> path) {
        List<Level> out = new ArrayList<>(path.size());
        for (PathElement e : path) {
            List<Fr> siblings = new ArrayList<>(e.siblings().size());
            for (byte[] s : e.siblings()) {
                siblings.add(Fr.fromBytesLE(s));
            }
            out.add(new Level(e.arity(), siblings, Math.toIntExact(e.index())));
        }
        return out;
    }

    @Override
    public void synthesize(ConstraintSystem<Fr> cs) {
        AllocatedNum<Fr> cur = leaf.allocate(cs, "value");
        List<IndexBit> pathBits = new ArrayList<>();
        cur = climb(cs, "base", base, cur, pathBits);
        cur = climb(cs, "sub", sub, cur, pathBits);
        AllocatedNum<Fr> computedRoot = climb(cs, "top", top, cur, pathBits);

        cs.inNamespace("path", c -> Multipack.packIndexBitsIntoInputs(c, pathBits));
        AllocatedNum<Fr> rt = root.allocate(cs, "root_value");
        // constraint::equal: computed · 1 = root
        cs.enforce("enforce root is correct", cs.lc().add(computedRoot.variable()), cs.lc().add(cs.one()),
                cs.lc().add(rt.variable()));
        if (!privateRoot) {
            rt.inputize(cs, () -> "root");
        }
    }

    /** SubPath::synthesize: one insert + hash per level under "merkle tree hash i". */
    private AllocatedNum<Fr> climb(ConstraintSystem<Fr> cs, String name, List<Level> levels, AllocatedNum<Fr> start,
                                   List<IndexBit> pathBits) {
        cs.pushNamespace(name);
        try {
            AllocatedNum<Fr> cur = start;
            for (int i = 0; i < levels.size(); i++) {
                Level level = levels.get(i);
                int height = i;
                AllocatedNum<Fr> node = cur;
                cur = cs.namespace(() -> "merkle tree hash " + height, c -> level(c, level, node, height, pathBits));
            }
            return cur;
        } finally {
            cs.popNamespace();
        }
    }

    private AllocatedNum<Fr> level(ConstraintSystem<Fr> cs, Level level, AllocatedNum<Fr> cur, int height,
                                   List<IndexBit> pathBits) {
        int bitCount = Integer.numberOfTrailingZeros(level.arity());
        if (Integer.bitCount(level.arity()) != 1) {
            throw new IllegalArgumentException("arity must be a power of two: " + level.arity());
        }
        List<IndexBit> bits = new ArrayList<>(bitCount);
        for (int b = 0; b < bitCount; b++) {
            int at = b;
            java.lang.Boolean value = level.index() == null ? null : ((level.index() >> b) & 1) == 1;
            bits.add(IndexBit.alloc(cs, () -> "index bit " + at, value));
        }
        pathBits.addAll(bits);
        List<AllocatedNum<Fr>> siblings = new ArrayList<>(level.arity() - 1);
        for (int s = 0; s < level.arity() - 1; s++) {
            int at = s;
            Fr v = level.siblings().get(s);
            siblings.add(AllocatedNum.alloc(cs, () -> "path element " + at, () -> require(v, "path element " + at)));
        }
        List<AllocatedNum<Fr>> inserted = Insertion.insert(cs, cur, bits, siblings);
        return cs.namespace("computation of commitment hash", c -> hasher.hashNode(c, inserted, height));
    }

    /**
     * storage-proofs-core por.rs {@code por_no_challenge_input} (used by SnapDeals): the same climb
     * with challenge bits and path values the caller allocated, and no public input. Levels:
     * {@code pathValues} bottom-up (base levels, then the sub and top level when the shape has them),
     * each with arity − 1 siblings; the bits are consumed log2(arity) per level, little-endian.
     * Costs per level the insert and the hash, plus 1 for "calculated root == provided root".
     */
    public static void porNoChallengeInput(ConstraintSystem<Fr> cs, MerkleHasherGadget hasher, Shape shape,
                                           List<IndexBit> challengeBits, AllocatedNum<Fr> leaf,
                                           List<List<AllocatedNum<Fr>>> pathValues, AllocatedNum<Fr> root) {
        int extra = (shape.sub() > 0 ? 1 : 0) + (shape.top() > 0 ? 1 : 0);
        int baseLen = pathValues.size() - extra;
        AllocatedNum<Fr> cur = leaf;
        int bit = 0;
        for (int height = 0; height < pathValues.size(); height++) {
            int arity = height < baseLen ? shape.base() : height == baseLen ? shape.sub() : shape.top();
            List<AllocatedNum<Fr>> siblings = pathValues.get(height);
            if (siblings.size() != arity - 1) {
                throw new IllegalArgumentException("path element has incorrect number of siblings at height " + height);
            }
            int bits = Integer.numberOfTrailingZeros(arity);
            if (bit + bits > challengeBits.size()) {
                throw new IllegalArgumentException("no challenge bits remaining");
            }
            List<IndexBit> index = challengeBits.subList(bit, bit + bits);
            bit += bits;
            int h = height;
            AllocatedNum<Fr> node = cur;
            List<AllocatedNum<Fr>> preimage = cs.namespace(() -> "merkle proof insert (height=" + h + ")",
                    c -> Insertion.insert(c, node, index, siblings));
            cur = cs.namespace(() -> "merkle proof hash (height=" + h + ")", c -> hasher.hashNode(c, preimage, h));
        }
        if (bit != challengeBits.size()) {
            throw new IllegalArgumentException("challenge bit-length and tree arity do not agree");
        }
        cs.enforce("calculated root == provided root", cs.lc().add(cur.variable()), cs.lc().add(cs.one()),
                cs.lc().add(root.variable()));
    }

    private static Fr require(Fr v, String name) {
        if (v == null) {
            throw SynthesisException.assignmentMissing(name);
        }
        return v;
    }
}
