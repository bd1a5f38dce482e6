package io.vigil.health.probe;

/**
 * What a probe measures, named as draft-inadarei-api-health-check suggests.
 *
 * @param name          the part after the colon in {@code "name:measurement"}, e.g. {@code responseTime}
 * @param unit          {@code observedUnit}, e.g. {@code ms}
 * @param componentType {@code componentType}: {@code component} for what runs elsewhere, {@code system} for
 *                      what this host or JVM provides
 */
public record Measurement(String name, String unit, String componentType) {
    /** Milliseconds a remote component took to answer. */
    public static final Measurement RESPONSE_TIME = new Measurement("responseTime", "ms", "component");
    /** Milliseconds the system's resolver took to answer. */
    public static final Measurement RESOLVE_TIME = new Measurement("responseTime", "ms", "system");
    /** Bytes available on a file system. */
    public static final Measurement FREE_SPACE = new Measurement("freeSpace", "bytes", "system");
    /** Percentage of the maximum heap in use. */
    public static final Measurement HEAP_UTILIZATION = new Measurement("utilization", "percent", "system");
}
