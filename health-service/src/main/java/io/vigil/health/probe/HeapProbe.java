package io.vigil.health.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Locale;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;

/**
 * How full this JVM's heap is, as a percentage of its maximum; fails above a ratio.
 */
final class HeapProbe implements Probe {
    private final double maxUsedRatio;

    private HeapProbe(double maxUsedRatio) {
        this.maxUsedRatio = maxUsedRatio;
    }

    /**
     * Reads a heap check: {@code max-used-ratio} (required, above 0 and at most 1, such as {@code 0.9}).
     *
     * @param node    the check's configuration
     * @param timeout unused: reading heap use does not block
     * @return the probe
     */
    static HeapProbe create(Config node, Duration timeout) {
        String expected = "a ratio above 0 and at most 1, such as 0.9";
        ConfigValues.required(node.get("max-used-ratio"), expected);
        return new HeapProbe(ConfigValues.oneOf(node.get("max-used-ratio"), 0.0, HeapProbe::ratio, expected));
    }

    @Override
    public Measurement measurement() {
        return Measurement.HEAP_UTILIZATION;
    }

    @Override
    public Reading read() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        double ratio = (double) heap.getUsed() / max;
        double percent = Math.round(ratio * 1000) / 10.0;
        if (ratio > maxUsedRatio) {
            return Reading.fail(percent, String.format(Locale.ROOT, "heap %.1f%% used (expected: at most %.1f%%)",
                                                       percent, maxUsedRatio * 100));
        }
        return Reading.ok(percent);
    }

    private static double ratio(String text) {
        double ratio = Double.parseDouble(text.trim());
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio: " + text + " (expected: above 0 and at most 1)");
        }
        return ratio;
    }
}
