package io.vigil.health.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;
import io.vigil.health.check.CheckResult;

/**
 * The last results of one check, newest first, and the share of them that were up.
 */
public final class CheckHistory {
    private final int size;
    private final Deque<CheckResult> results;

    /**
     * Creates an empty history.
     *
     * @param size results to keep, at least 1
     */
    public CheckHistory(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size: " + size + " (expected: at least 1)");
        }
        this.size = size;
        this.results = new ArrayDeque<>(size);
    }

    /**
     * Adds the newest result, dropping the oldest when full.
     *
     * @param result the result
     */
    public synchronized void add(CheckResult result) {
        if (results.size() == size) {
            results.removeLast();
        }
        results.addFirst(result);
    }

    /**
     * The kept results.
     *
     * @return newest first
     */
    public synchronized List<CheckResult> recent() {
        return new ArrayList<>(results);
    }

    /**
     * The share of kept results that were {@code pass} or {@code warn}.
     *
     * @return 0..1; empty before the first result
     */
    public synchronized OptionalDouble uptime() {
        if (results.isEmpty()) {
            return OptionalDouble.empty();
        }
        long up = results.stream().filter(CheckResult::up).count();
        return OptionalDouble.of((double) up / results.size());
    }
}
