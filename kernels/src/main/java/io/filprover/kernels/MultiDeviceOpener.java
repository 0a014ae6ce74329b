package io.filprover.kernels;

import io.filprover.api.job.WorkerPool;
import io.filprover.api.kernels.Kernels;
import io.filprover.cpu.CpuKernels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * How a device provider (CUDA, OpenCL) opens a job's backend over its selected devices, written once
 * for both: one device's instance alone, or all of them as a {@link MultiDeviceKernels} whose first
 * device (the one that takes everything but the split MSMs) goes to the selected devices in turn from
 * job to job. The MSM rates measured by one job are kept per set of selected devices ({@link MsmRates},
 * by the devices' labels) so the next job over the same set starts from them. Thread-safe; a provider
 * holds one for the process.
 */
public final class MultiDeviceOpener {
    private static final Logger LOG = LoggerFactory.getLogger(MultiDeviceOpener.class);
    /** The cpu backend's label among the participants. */
    static final String CPU = "cpu";

    private final int splitMin;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<List<String>, MsmRates> rates = new ConcurrentHashMap<>();

    public MultiDeviceOpener() {
        this(MultiDeviceKernels.DEFAULT_SPLIT_MIN);
    }

    /** With a lower split threshold: tests split small MSMs. */
    MultiDeviceOpener(int splitMin) {
        this.splitMin = splitMin;
    }

    /**
     * A job's backend over {@code selected} (in selection order; labels unique, e.g. {@code cuda[2]}): the
     * one device's instance alone when there is one (or when only one opens), else the composite of them
     * and the cpu backend over {@code pool}, its devices rotated so that a different one comes first each
     * job. A device that fails to open is logged and left out; when none opens, the first failure is thrown.
     */
    public <D> Kernels open(List<D> selected, Function<D, Kernels> opener, Function<D, String> label, WorkerPool pool) {
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no device selected");
        }
        if (selected.size() == 1) {
            return opener.apply(selected.get(0));
        }
        List<String> labels = new ArrayList<>();
        selected.forEach(d -> labels.add(label.apply(d)));
        labels.add(CPU);
        MsmRates book = rates(labels);
        int first = Math.floorMod(next.getAndIncrement(), selected.size());
        List<D> order = new ArrayList<>(selected.subList(first, selected.size()));
        order.addAll(selected.subList(0, first));
        List<MultiDeviceKernels.Device> opened = new ArrayList<>();
        RuntimeException failure = null;
        for (D d : order) {
            try {
                opened.add(new MultiDeviceKernels.Device(label.apply(d), opener.apply(d)));
            } catch (RuntimeException e) {
                LOG.warn("{} did not open and takes no part in this job: {}", label.apply(d), e.toString(), e);
                failure = failure == null ? e : failure;
            }
        }
        if (opened.isEmpty()) {
            throw failure;
        }
        if (opened.size() == 1) {
            return opened.get(0).kernels();
        }
        int[] slots = new int[opened.size() + 1];
        for (int i = 0; i < opened.size(); i++) {
            slots[i] = book.slot(opened.get(i).label());
        }
        slots[opened.size()] = book.slot(CPU);
        return new MultiDeviceKernels(opened, new CpuKernels(pool), splitMin, new MsmShares(book, slots));
    }

    /** The rates of the set of devices with these labels (the cpu's last), created unmeasured on first use. */
    MsmRates rates(List<String> labels) {
        return rates.computeIfAbsent(List.copyOf(labels), MsmRates::new);
    }
}
