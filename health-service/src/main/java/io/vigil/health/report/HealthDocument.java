package io.vigil.health.report;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import io.vigil.health.check.CheckResult;
import io.vigil.health.check.CheckSettings;
import io.vigil.health.probe.Measurement;

/**
 * Renders reports as {@code application/health+json} (draft-inadarei-api-health-check): {@code status},
 * {@code serviceId}, {@code description} and {@code checks} keyed {@code "name:measurement"}, each an array
 * with one object of {@code componentType}, {@code observedValue}, {@code observedUnit}, {@code status},
 * {@code time} and, unless it passed, {@code output}.
 */
public final class HealthDocument {
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private HealthDocument() {
    }

    /**
     * The report of all checks.
     *
     * @param report      the latest report
     * @param serviceId   the report's {@code serviceId}
     * @param description the report's {@code description}
     * @return UTF-8 JSON
     */
    public static byte[] report(HealthReport report, String serviceId, String description) {
        StringWriter text = new StringWriter(256 + 256 * report.results().size());
        try (JsonGenerator json = GENERATORS.createGenerator(text)) {
            json.writeStartObject()
                    .write("status", report.status().text())
                    .write("serviceId", serviceId)
                    .write("description", description)
                    .writeStartObject("checks");
            for (CheckResult result : report.results()) {
                json.writeStartArray(key(result.check()));
                item(json, result);
                json.writeEnd();
            }
            json.writeEnd().writeEnd();
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One check: its latest result as in the full report, plus {@code history} (the kept results, newest
     * first) and {@code uptime} (the share of them that passed or warned; absent before the first run).
     *
     * @param latest    the check's latest result
     * @param history   its kept results
     * @param serviceId the document's {@code serviceId}
     * @return UTF-8 JSON
     */
    public static byte[] detail(CheckResult latest, CheckHistory history, String serviceId) {
        CheckSettings check = latest.check();
        List<CheckResult> recent = history.recent();
        StringWriter text = new StringWriter(512 + 160 * recent.size());
        try (JsonGenerator json = GENERATORS.createGenerator(text)) {
            json.writeStartObject()
                    .write("status", latest.status().text())
                    .write("serviceId", serviceId)
                    .write("description", check.name() + ": " + check.type().name().toLowerCase(Locale.ROOT)
                            + " check, " + (check.critical() ? "critical" : "not critical"))
                    .writeStartObject("checks")
                    .writeStartArray(key(check));
            item(json, latest);
            json.writeEnd().writeEnd();
            history.uptime().ifPresent(uptime -> json.write("uptime", Math.round(uptime * 1e4) / 1e4));
            json.writeStartArray("history");
            recent.forEach(result -> item(json, result));
            json.writeEnd().writeEnd();
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The key of a check in {@code checks}.
     *
     * @param check the check
     * @return {@code name:measurement}, such as {@code gateway:responseTime}
     */
    public static String key(CheckSettings check) {
        return check.name() + ":" + check.probe().measurement().name();
    }

    private static void item(JsonGenerator json, CheckResult result) {
        Measurement measurement = result.check().probe().measurement();
        json.writeStartObject().write("componentType", measurement.componentType());
        result.observedValue().ifPresent(value -> {
            if (value instanceof Double fraction) {
                json.write("observedValue", fraction.doubleValue());
            } else {
                json.write("observedValue", value.longValue());
            }
            json.write("observedUnit", measurement.unit());
        });
        json.write("status", result.status().text())
                .write("time", result.time().truncatedTo(ChronoUnit.MILLIS).toString());
        result.output().ifPresent(output -> json.write("output", output));
        json.writeEnd();
    }
}
