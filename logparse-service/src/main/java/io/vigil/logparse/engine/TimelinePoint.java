package io.vigil.logparse.engine;

/**
 * One bucket of the timeline.
 *
 * @param startMillis bucket start, epoch millis
 * @param count       records in the bucket
 * @param errors      records that were errors (status 5xx or level ERROR and above)
 */
public record TimelinePoint(long startMillis, long count, long errors) {
}
