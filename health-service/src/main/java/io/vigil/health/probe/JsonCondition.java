package io.vigil.health.probe;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;
import io.vigil.common.config.InvalidConfigException;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import io.vigil.common.config.ConfigValues;

/**
 * A condition on a JSON response body: a value must exist at a JSON pointer (RFC 6901) and, when
 * {@code equals} is given, equal it ({@code "UP"} matches the string {@code UP}; {@code true} or {@code 3}
 * match those literals).
 *
 * @param pointer where the value must be, such as {@code /status}
 * @param equals  what it must be; empty when any value will do
 */
record JsonCondition(String pointer, Optional<String> equals) {
    /**
     * Reads an {@code expect-json} section: {@code pointer} (required) and {@code equals} (optional).
     *
     * @param section configuration section
     * @return the condition
     */
    static JsonCondition create(Config section) {
        ConfigValues.onlyKnown(section, Set.of("pointer", "equals"));
        String expected = "a JSON pointer such as /status";
        String pointer = ConfigValues.required(section.get("pointer"), expected);
        try {
            Json.createPointer(pointer);
        } catch (JsonException e) {
            throw new InvalidConfigException(section.get("pointer").key().toString(), pointer, expected);
        }
        String equals = section.get("equals").exists() ? section.get("equals").asString().orElse("") : null;
        return new JsonCondition(pointer, Optional.ofNullable(equals));
    }

    /**
     * Tests a response body.
     *
     * @param body the body as received
     * @return why the body does not meet the condition; empty when it does
     */
    Optional<String> test(byte[] body) {
        JsonStructure document;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            document = reader.read();
        } catch (JsonException e) {
            return Optional.of("body is not a JSON object or array");
        }
        String actual;
        try {
            actual = text(Json.createPointer(pointer).getValue(document));
        } catch (JsonException e) {
            // No such member, or a member name used as an array index.
            return Optional.of("body has no value at " + pointer);
        }
        return equals.filter(expected -> !expected.equals(actual))
                .map(expected -> "body has " + pointer + " = " + actual + " (expected: " + expected + ")");
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }
}
