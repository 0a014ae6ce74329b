package io.filprover.bench.snark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.OperatingSystemMXBean;

/**
 * The memory and CPU readings of the SNARK benchmarks, from the JVM's management beans:
 * <ul>
 * <li><b>peak heap</b>: the sum of the heap pools' peak usage since {@link #resetPeaks()} (as
 *     bench/RESULTS.md reports it; pools peak at different moments, so this is an upper bound);</li>
 * <li><b>heap after a full GC</b>: {@link MemoryMXBean#gc()} (that is {@code System.gc()}, a full
 *     collection unless the JVM runs with {@code -XX:+DisableExplicitGC} or
 *     {@code -XX:+ExplicitGCInvokesConcurrent}), twice, then the heap's used bytes. The retained size
 *     of an object graph is this reading with the graph reachable minus the reading after it is
 *     dropped;</li>
 * <li><b>process CPU time</b>: all of the JVM's threads (GC and JIT included), from
 *     {@code com.sun.management.OperatingSystemMXBean}; -1 where the JVM does not offer it.</li>
 * </ul>
 */
public final class HeapMeter {
    /** How the retained size is measured, for the output (the commands' help says it too). */
    public static final String RETAINED_METHOD = "heap used after System.gc() with the result reachable, minus after it is dropped";

    private HeapMeter() {
    }

    /** Starts a new peak-heap window. */
    public static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last {@link #resetPeaks()}, in bytes. */
    public static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** Heap bytes in use after two full collections. */
    public static long usedAfterFullGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The heap limit ({@code -Xmx}), in bytes. */
    public static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** CPU time of the whole process in nanoseconds, or -1 when unavailable. */
    public static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU time of the calling thread in nanoseconds, or -1 when unavailable. */
    public static long threadCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    /** Bytes as MiB with one decimal. */
    public static double mib(long bytes) {
        return Math.round(bytes * 10.0 / (1 << 20)) / 10.0;
    }
}
