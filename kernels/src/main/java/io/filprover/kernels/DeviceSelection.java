package io.filprover.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The devices a device backend may use, as configured: {@code -Dfilprover.devices} (which
 * {@code filprover --devices} sets), else {@code FILPROVER_DEVICES}, else every device. The setting is
 * comma-separated indices into the backend's own device list (CUDA's after {@code CUDA_VISIBLE_DEVICES},
 * OpenCL's platform by platform), e.g. {@code 0,2}, or {@code all}; blanks around an index are allowed,
 * a repeated index counts once, the order is kept (the first device takes what is not split).
 */
public final class DeviceSelection {
    /** The system property that selects device indices. */
    public static final String PROPERTY = "filprover.devices";
    /** The environment variable that selects device indices. */
    public static final String ENV = "FILPROVER_DEVICES";

    /** A setting that is not a list of indices, or that names a device there is not or that cannot be used. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private final String setting;
    /** The indices in order without repeats; null for every device. */
    private final List<Integer> indices;

    private DeviceSelection(String setting, List<Integer> indices) {
        this.setting = setting;
        this.indices = indices;
    }

    /** The setting as configured: the property, else the environment, else null (every device). */
    public static String configured() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return p.trim();
        }
        String e = System.getenv(ENV);
        return e == null || e.isBlank() ? null : e.trim();
    }

    /** Parses a setting; null, blank and {@code all} (any case) select every device. */
    public static DeviceSelection parse(String setting) throws Invalid {
        if (setting == null || setting.isBlank() || setting.trim().equalsIgnoreCase("all")) {
            return new DeviceSelection("all", null);
        }
        List<Integer> chosen = new ArrayList<>();
        for (String part : setting.split(",", -1)) {
            String p = part.trim();
            int i;
            try {
                i = p.chars().allMatch(Character::isDigit) ? Integer.parseInt(p) : -1;
            } catch (NumberFormatException e) {
                i = -1; // empty, or beyond int
            }
            if (i < 0) {
                throw new Invalid("device selection '" + setting + "' is not a comma-separated list of device indices (e.g. 0,2) or all: '"
                        + p + "' is not an index");
            }
            if (!chosen.contains(i)) {
                chosen.add(i);
            }
        }
        return new DeviceSelection(setting.trim(), List.copyOf(chosen));
    }

    /** Whether no index was named: every device (each backend says which those are). */
    public boolean everyDevice() {
        return indices == null;
    }

    /** The indices named, in order without repeats; empty for every device. */
    public List<Integer> indices() {
        return indices == null ? List.of() : indices;
    }

    /**
     * The devices this selection names, in its order (every usable one for {@code all}). {@link Invalid} for
     * an index past {@code all}, naming {@code kind} ("CUDA") and adding {@code note} (e.g. the
     * {@code CUDA_VISIBLE_DEVICES} in force), or for a device {@code unusable} says cannot be used (its
     * sentence, or null when it can).
     */
    public <D> List<D> choose(List<D> all, String kind, Function<D, String> unusable, String note) throws Invalid {
        List<D> chosen = new ArrayList<>();
        if (indices == null) {
            for (D d : all) {
                if (unusable.apply(d) == null) {
                    chosen.add(d);
                }
            }
            return chosen;
        }
        for (int i : indices) {
            if (i >= all.size()) {
                throw new Invalid("device selection '" + setting + "' names device " + i + ", but only " + all.size() + " " + kind
                        + " device(s) are found (numbered from 0)" + note);
            }
            String why = unusable.apply(all.get(i));
            if (why != null) {
                throw new Invalid("device selection '" + setting + "' names " + kind + " device " + i + ", which cannot be used: " + why);
            }
            chosen.add(all.get(i));
        }
        return chosen;
    }

    /** The setting as given ({@code all} for every device). */
    @Override
    public String toString() {
        return setting;
    }
}
