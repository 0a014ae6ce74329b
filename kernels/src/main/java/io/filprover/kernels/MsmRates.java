package io.filprover.kernels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The measured MSM throughput of one set of devices and the cpu, kept by a provider for that set so each
 * job's {@link MultiDeviceKernels} starts from what earlier jobs measured: per participant (a slot,
 * named by its label), scalars per second as an exponentially weighted average over the split calls it
 * took part in. Which participants are healthy is each job's own ({@link MsmShares}). When the shares
 * these rates give move by more than {@value #LOG_CHANGE_PERCENT} percentage points from those last
 * logged (equal shares at first), they are logged at INFO, once for the process, not per job. Thread-safe.
 */
final class MsmRates {
    private static final Logger LOG = LoggerFactory.getLogger(MsmRates.class);
    /** Weight of the newest measurement in the average: a device whose speed changes is followed within a few calls. */
    static final double SMOOTHING = 0.5;
    /** A change of shares worth a log line, in percentage points. */
    static final int LOG_CHANGE_PERCENT = 10;

    private final List<String> labels;
    private final double[] rate;
    private double[] logged;
    private int changesLogged;

    /** Unmeasured slots with these labels, e.g. {@code cuda[0], cuda[1], cpu}. */
    MsmRates(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.rate = new double[labels.size()];
        Arrays.fill(rate, Double.NaN);
        this.logged = fractions(rate);
    }

    /** Slots named {@code 0 .. n-1}: one job's own rates, shared with nobody. */
    static MsmRates unnamed(int n) {
        String[] l = new String[n];
        Arrays.setAll(l, Integer::toString);
        return new MsmRates(List.of(l));
    }

    int size() {
        return rate.length;
    }

    /** The slot of a label, or -1. */
    int slot(String label) {
        return labels.indexOf(label);
    }

    /** Records that slot s took {@code seconds} for {@code scalars} scalars, and logs the shares if they moved far. */
    synchronized void record(int s, long scalars, double seconds) {
        if (scalars <= 0) {
            return;
        }
        double r = scalars / Math.max(seconds, 1e-9);
        rate[s] = Double.isNaN(rate[s]) ? r : SMOOTHING * r + (1 - SMOOTHING) * rate[s];
        double[] now = fractions(rate);
        for (int i = 0; i < now.length; i++) {
            if (Math.abs(now[i] - logged[i]) * 100 > LOG_CHANGE_PERCENT) {
                logged = now;
                changesLogged++;
                LOG.info("MSM shares now {}", describe(now));
                return;
            }
        }
    }

    /** Scalars per second of slot s; NaN until measured. */
    synchronized double rate(int s) {
        return rate[s];
    }

    /** The rates of these slots, read at once. */
    synchronized double[] rates(int[] slots) {
        double[] r = new double[slots.length];
        for (int i = 0; i < slots.length; i++) {
            r[i] = rate[slots[i]];
        }
        return r;
    }

    /** How many times the shares were logged (tests). */
    synchronized int changesLogged() {
        return changesLogged;
    }

    private String describe(double[] f) {
        StringJoiner j = new StringJoiner(", ");
        for (int i = 0; i < f.length; i++) {
            j.add(labels.get(i) + " " + Math.round(100 * f[i]) + "%"
                    + (Double.isNaN(rate[i]) ? " (not measured)" : String.format(Locale.ROOT, " (%.3g/s)", rate[i])));
        }
        return j.toString();
    }

    /** Every slot's share of the scalars by these rates, all healthy. */
    private static double[] fractions(double[] rates) {
        return MsmShares.normalise(MsmShares.weights(rates, new boolean[rates.length]));
    }
}
