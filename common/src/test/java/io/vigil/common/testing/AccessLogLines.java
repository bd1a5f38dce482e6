package io.vigil.common.testing;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * Reads an access log file that a service under test writes (its {@code access-log.output}): the writer thread
 * writes lines shortly after the responses, so the methods wait for what a test expects.
 */
public final class AccessLogLines {
    private static final Duration BOUND = Duration.ofSeconds(20);

    private AccessLogLines() {
    }

    /**
     * The lines of the file now (none when it does not exist yet).
     *
     * @param file the access log
     * @return its lines
     */
    public static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /**
     * Waits until the file holds at least {@code count} lines that match, and returns the matching ones.
     *
     * @param file  the access log
     * @param count how many are expected
     * @param match which lines count
     * @return the matching lines, at least {@code count}
     * @throws AssertionError when they do not appear within 20 s
     */
    public static List<String> await(Path file, int count, Predicate<String> match) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        List<String> found = List.of();
        while (System.nanoTime() < deadline) {
            found = read(file).stream().filter(match).toList();
            if (found.size() >= count) {
                return found;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("expected " + count + " matching line(s) in " + file + ", found " + found.size()
                                 + ": " + read(file));
    }

    /**
     * Waits for the json lines of a request id and returns them parsed.
     *
     * @param file      the access log, json format
     * @param requestId the request's {@code X-Request-Id}
     * @param count     how many lines are expected
     * @return the lines as objects
     */
    public static List<JsonObject> awaitJson(Path file, String requestId, int count) {
        List<JsonObject> objects = new ArrayList<>();
        for (String line : await(file, count, l -> l.contains("\"http.request.id\":\"" + requestId + "\""))) {
            objects.add(json(line));
        }
        return objects;
    }

    /**
     * Parses one json line.
     *
     * @param line the line
     * @return the object
     */
    public static JsonObject json(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }
}
