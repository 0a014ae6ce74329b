package io.filprover.proofs.porep.circuit;

import io.filprover.api.PoRepFeature;
import io.filprover.api.SectorSize;
import io.filprover.api.TreeShape;
import io.filprover.proofs.merkle.circuit.PorCircuit;

/**
 * What fixes the shape of a stacked PoRep partition circuit (upstream's StackedDrg public params):
 * tree_r_last/tree_c arities, the node count N (tree_d is binary over N leaves), the SDR layer
 * count and the challenges per partition.
 */
public record StackedConfig(PorCircuit.Shape shape, long nodes, int layers, int challenges) {
    public StackedConfig {
        if (Long.bitCount(nodes) != 1 || nodes < 2) {
            throw new IllegalArgumentException("node count must be a power of two: " + nodes);
        }
        shape.baseLevels(nodes); // checks that N fills the tree
        if (layers < 1 || challenges < 1) {
            throw new IllegalArgumentException(layers + " layers, " + challenges + " challenges");
        }
    }

    /** The configuration of a sector size and PoRep variant, with the size's own layer count. */
    public static StackedConfig of(SectorSize size, PoRepFeature feature) {
        return of(size, size.layers(), feature);
    }

    public static StackedConfig of(SectorSize size, int layers, PoRepFeature feature) {
        TreeShape s = size.shape();
        return new StackedConfig(new PorCircuit.Shape(s.baseArity(), s.subArity(), s.topArity()), size.nodes(), layers,
                size.porepChallengesPerPartition(feature));
    }

    /** tree_d: a binary SHA-256 tree over the N nodes. */
    public PorCircuit.Shape treeDShape() {
        return new PorCircuit.Shape(2, 0, 0);
    }
}
