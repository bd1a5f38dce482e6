package io.vigil.gateway.traffic;

/**
 * Estimates a quantile from bucket counts the way Prometheus' {@code histogram_quantile} does: find the bucket the
 * rank falls into and interpolate linearly inside it, the first bucket starting at 0; a rank beyond the last finite
 * bound gives that bound. The estimate is as good as the buckets are narrow.
 */
final class HistogramQuantile {
    private HistogramQuantile() {
    }

    /**
     * The estimated quantile.
     *
     * @param q          the quantile, 0..1
     * @param bounds     upper bounds of the finite buckets, ascending
     * @param cumulative for each bound, the observations at or below it
     * @param count      all observations, including those above the last bound
     * @return the estimate in the bounds' unit, or {@code NaN} when there are no observations
     */
    static double estimate(double q, double[] bounds, long[] cumulative, long count) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("q: " + q + " (expected: 0..1)");
        }
        if (count <= 0) {
            return Double.NaN;
        }
        double rank = q * count;
        long below = 0;
        for (int i = 0; i < bounds.length; i++) {
            if (cumulative[i] >= rank && cumulative[i] > below) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                return lower + (bounds[i] - lower) * (rank - below) / (cumulative[i] - below);
            }
            below = cumulative[i];
        }
        return bounds[bounds.length - 1];
    }
}
