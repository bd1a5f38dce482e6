package io.vigil.gateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text page ({@code /observe/metrics}), to sum the series of a name whose labels match.
 */
final class MetricsText {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples;

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private MetricsText(List<Sample> samples) {
        this.samples = samples;
    }

    /**
     * Parses a page.
     *
     * @param text the page
     * @return its samples
     */
    static MetricsText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return new MetricsText(samples);
    }

    /**
     * The sum of a name's series whose labels include the given ones.
     *
     * @param name            the series' name, e.g. {@code vigil_gateway_route_request_duration_seconds_count}
     * @param labelsAndValues labels the series must have, as pairs
     * @return the sum; 0 when none matches
     */
    double sum(String name, String... labelsAndValues) {
        double sum = 0;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && matches(sample.labels(), labelsAndValues)) {
                sum += sample.value();
            }
        }
        return sum;
    }

    /**
     * Whether a name has a series at all.
     *
     * @param name the series' name
     * @return {@code true} when the page has one
     */
    boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }

    private static boolean matches(Map<String, String> labels, String... labelsAndValues) {
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            if (!labelsAndValues[i + 1].equals(labels.get(labelsAndValues[i]))) {
                return false;
            }
        }
        return true;
    }
}
