package io.vigil.gateway.traffic;

import java.time.Duration;

import io.helidon.config.Config;
import io.vigil.common.config.ConfigValues;
import io.vigil.common.config.InvalidConfigException;

/**
 * How {@code GET /api/v1/traffic} looks back ({@code gateway.traffic}): the per-route meters are read every
 * {@code interval}, and the last {@code window} of readings is kept.
 *
 * @param interval how often the meters are read; one point of the answer per interval ({@code interval}, default 5 s)
 * @param window   how far back the answer reaches ({@code window}, default 5 min); at most 1000 intervals
 */
public record TrafficSettings(Duration interval, Duration window) {
    /** The defaults. */
    public static final TrafficSettings DEFAULTS = new TrafficSettings(Duration.ofSeconds(5), Duration.ofMinutes(5));

    /** Most points a window holds, which bounds the memory and the size of an answer. */
    static final int MAX_POINTS = 1000;

    /**
     * Reads and validates the {@code gateway.traffic} section.
     *
     * @param traffic the {@code gateway.traffic} node (may be missing)
     * @return validated settings
     * @throws InvalidConfigException naming the first invalid key
     */
    public static TrafficSettings create(Config traffic) {
        Duration interval = ConfigValues.durationIn(traffic.get("interval"), DEFAULTS.interval(), Duration.ofMillis(100),
                                                    Duration.ofMinutes(1));
        Duration window = ConfigValues.durationIn(traffic.get("window"), DEFAULTS.window(), Duration.ofSeconds(1),
                                                  Duration.ofHours(24));
        if (window.compareTo(interval) < 0 || window.dividedBy(interval) > MAX_POINTS) {
            throw new InvalidConfigException(traffic.get("window").key().toString(), window.toString(),
                                             "a duration of 1 to " + MAX_POINTS + " times gateway.traffic.interval ("
                                                     + interval + ")");
        }
        return new TrafficSettings(interval, window);
    }

    /**
     * Readings kept: one per interval across the window, and the one the window starts from.
     *
     * @return number of readings
     */
    int readings() {
        return (int) window.dividedBy(interval) + 1;
    }
}
