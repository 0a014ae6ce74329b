package io.filprover.proofs.sdr;

import io.filprover.api.job.ProgressSink;
import io.filprover.api.job.WorkerPool;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Labels one layer of one sector on two threads, as upstream's multicore SDR does: a producer thread
 * gathers each node's parent labels into a ring of slots, and the calling thread only copies a slot
 * into its message and hashes, in node order.
 *
 * <p>Why: on one thread every parent that misses the caches stalls the hash (Java has no prefetch
 * instruction, and a missing load blocks retirement); on a 512 MiB layer 2 that held one thread to
 * 44–54 % of MessageDigest's rate, against 63–71 % with the producer taking the misses in a fresh
 * JVM and 70–81 % once warm (bench/RESULTS.md §3). A base
 * parent the hasher has not labeled yet when the producer reaches its node (at most {@link #RING}
 * nodes back, so still in the hashing core's cache) is left to the hasher, named in a per-slot bit
 * mask.
 *
 * <p>Hand-over: the producer publishes {@code produced} (slots ready below it) after each chunk, the
 * hasher publishes {@code consumed} (labels written below it); both are volatile, so a label the
 * producer copies and a slot the hasher reads are complete. Either side's failure stops the other;
 * the caller sees the first error. Waiting sides spin (the other side is normally microseconds
 * away), then yield between spins.
 */
final class PipelinedLayerLabeler {
    /** Slots in flight: slack for scheduling jitter; 512 × 448 bytes stay in the producer's L2. */
    static final int RING = 512;
    /** Nodes per publication on either side. */
    static final int CHUNK = 16;
    private static final int NODE = 32;
    private static final int SLOT = SdrGraph.DEGREE * NODE;
    private static final int SPINS_BEFORE_YIELDING = 1 << 12;

    private final ParentCache parents;
    private final NodeLabelHasher hasher;
    private final MappedRegion current;
    private final MappedRegion previous;
    private final int layer;
    private final int parentCount;
    private final long nodes;
    /** The 6 or 14 parent labels of each slot's node, in message order. */
    private final byte[] ring = new byte[RING * SLOT];
    /** The base parents of each slot's node, for the ones the hasher fills in. */
    private final int[] baseParents = new int[RING * SdrGraph.BASE_DEGREE];
    private final int[] missing = new int[RING];
    /** Keeps the producer's touches alive (never read). */
    private long touchSink;

    private volatile long produced;
    private volatile long consumed;
    private volatile Throwable producerFailure;
    private volatile boolean stopped;

    PipelinedLayerLabeler(ParentCache parents, NodeLabelHasher hasher, MappedRegion current, MappedRegion previous,
                          int layer) {
        if (layer > 1 && previous == null) {
            throw new IllegalArgumentException("layer " + layer + " needs the previous layer");
        }
        this.parents = parents;
        this.hasher = hasher;
        this.current = current;
        this.previous = previous;
        this.layer = layer;
        this.parentCount = layer == 1 ? SdrGraph.BASE_DEGREE : SdrGraph.DEGREE;
        this.nodes = parents.nodes();
    }

    /** Labels every node of the layer into {@code current}; reports progress every {@code progressEvery} nodes and at the end. */
    void run(WorkerPool pool, ProgressSink listener, String task, int progressEvery) throws IOException {
        Future<?> producer = pool.startCompanion(this::produce);
        try {
            consume(listener, task, progressEvery);
        } finally {
            stopped = true;
            joinQuietly(producer);
        }
    }

    private void consume(ProgressSink listener, String task, int progressEvery) throws IOException {
        byte[] label = new byte[NODE];
        byte[] msg = hasher.buffer();
        long ready = 0;
        for (long v = 0; v < nodes; v++) {
            if (v >= ready) {
                ready = awaitProduced(v);
            }
            int slot = (int) (v % RING);
            if (v > 0) {
                // copied out, not hashed in place: the producer's next write to the slot then finds its
                // lines shared rather than modified on this core, and the repetition stays local
                System.arraycopy(ring, slot * SLOT, msg, NodeLabelHasher.PREFIX, parentCount * NODE);
                for (int m = missing[slot]; m != 0; m &= m - 1) {
                    int k = Integer.numberOfTrailingZeros(m);
                    current.get32((long) baseParents[slot * SdrGraph.BASE_DEGREE + k] * NODE, msg,
                            NodeLabelHasher.parentSlot(k));
                }
            }
            hasher.label(layer, v, v == 0 ? 0 : parentCount, label, 0);
            current.put32(v * NODE, label, 0);
            long done = v + 1;
            if (done % CHUNK == 0 || done == nodes) {
                consumed = done;
            }
            if (done % progressEvery == 0 || done == nodes) {
                listener.progress(task, done, nodes);
            }
        }
    }

    private long awaitProduced(long v) throws IOException {
        int spins = 0;
        while (true) {
            long p = produced;
            if (p > v) {
                return p;
            }
            Throwable t = producerFailure;
            if (t != null) {
                throw failure(t);
            }
            spins = pause(spins);
        }
    }

    private void produce() {
        try {
            int[] batch = new int[SdrLabeler.BATCH_NODES * SdrGraph.DEGREE];
            long batchStart = -SdrLabeler.BATCH_NODES;
            long batchEnd = 0;
            for (long u = 0; u < nodes; u += CHUNK) {
                int n = (int) Math.min(CHUNK, nodes - u);
                if (u >= batchEnd) {
                    batchStart = u;
                    batchEnd = Math.min(u + SdrLabeler.BATCH_NODES, nodes);
                    parents.parents(u, (int) (batchEnd - u), batch);
                }
                long labeled = awaitFreeSlots(u + n);
                if (labeled < 0) {
                    return;
                }
                // the next chunk's far parents first: their misses overlap with this chunk's copies,
                // and a tight loop of loads keeps more misses in flight than the copies would
                long next = u + n;
                touchSink += touchFarParents(batch, (int) (next - batchStart),
                        (int) Math.min(CHUNK, batchEnd - next), labeled);
                for (int i = 0; i < n; i++) {
                    gather(u + i, batch, (int) (u + i - batchStart) * SdrGraph.DEGREE, labeled);
                }
                produced = u + n;
            }
        } catch (Throwable t) {
            producerFailure = t;
        }
    }

    /** Waits until the slots of nodes below {@code end} are free; returns how many labels are written, -1 if stopped. */
    private long awaitFreeSlots(long end) {
        int spins = 0;
        while (true) {
            long c = consumed;
            if (end - c <= RING) {
                return c;
            }
            if (stopped) {
                return -1;
            }
            spins = pause(spins);
        }
    }

    private long touchFarParents(int[] batch, int first, int count, long labeled) {
        long t = 0;
        for (int i = first; i < first + count; i++) {
            int p = i * SdrGraph.DEGREE;
            // base parent 0 is always the node just before: never far
            for (int k = 1; k < SdrGraph.BASE_DEGREE; k++) {
                int q = batch[p + k];
                if (q < labeled) {
                    t += current.touch((long) q * NODE);
                }
            }
            for (int k = SdrGraph.BASE_DEGREE; k < parentCount; k++) {
                t += previous.touch((long) batch[p + k] * NODE);
            }
        }
        return t;
    }

    private void gather(long u, int[] batch, int p, long labeled) {
        int slot = (int) (u % RING);
        int at = slot * SLOT;
        int m = 0;
        if (u > 0) {
            for (int k = 0; k < SdrGraph.BASE_DEGREE; k++) {
                int q = batch[p + k];
                baseParents[slot * SdrGraph.BASE_DEGREE + k] = q;
                if (q < labeled) {
                    current.get32((long) q * NODE, ring, at + NODE * k);
                } else {
                    m |= 1 << k;
                }
            }
            for (int k = SdrGraph.BASE_DEGREE; k < parentCount; k++) {
                previous.get32((long) batch[p + k] * NODE, ring, at + NODE * k);
            }
        }
        missing[slot] = m;
    }

    /** Spins briefly (the other side is usually a few nodes away), then yields between spins. */
    private static int pause(int spins) {
        Thread.onSpinWait();
        if (spins >= SPINS_BEFORE_YIELDING) {
            Thread.yield();
        }
        return spins + 1;
    }

    private static IOException failure(Throwable t) {
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IOException("parent producer failed", t);
    }

    /** Waits for the producer to end; its failure, if any, already reached the consumer. */
    private static void joinQuietly(Future<?> producer) {
        boolean interrupted = false;
        while (true) {
            try {
                producer.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
