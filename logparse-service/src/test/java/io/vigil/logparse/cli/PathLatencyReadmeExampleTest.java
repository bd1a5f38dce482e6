package io.vigil.logparse.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vigil.common.testing.Problems;

import jakarta.json.JsonArray;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The README's per-path latency example holds: the command line it shows, run on the log it shows, prints the table
 * and the JSON it shows.
 */
class PathLatencyReadmeExampleTest {
    private static final Pattern COMMAND = Pattern.compile(
            "<!-- example: path-latency command -->\\n```bash\\n\\./logparse (.*)\\n```");
    private static final Pattern LOG = Pattern.compile("<!-- example: path-latency log -->\\n```text\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JSON = Pattern.compile("<!-- example: path-latency json -->\\n```json\\n(.*?)```",
                                                        Pattern.DOTALL);
    private static final Pattern TABLE = Pattern.compile("<!-- example: path-latency output -->\\n```text\\n(.*?)```",
                                                         Pattern.DOTALL);

    @Test
    void theReadmeExamplePrintsTheTableItShows() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> args = arguments(find(COMMAND, readme));
        String log = find(LOG, readme);
        String table = find(TABLE, readme);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = LogparseCli.run(args.stream().map(arg -> arg.equals("orders.log") ? "-" : arg).toList(),
                                     new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)),
                                     new PrintStream(out, true, StandardCharsets.UTF_8),
                                     new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(err.toString(StandardCharsets.UTF_8), status, is(0));
        assertThat(out.toString(StandardCharsets.UTF_8), containsString(table));
    }

    @Test
    void theReadmeJsonIsWhatTheApiGivesForTheExampleLog() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> args = new ArrayList<>(arguments(find(COMMAND, readme)));
        args.set(args.indexOf("orders.log"), "-");
        args.add("--json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = LogparseCli.run(args, new ByteArrayInputStream(find(LOG, readme).getBytes(StandardCharsets.UTF_8)),
                                     new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(status, is(0));
        JsonArray shown = Problems.parse("{" + find(JSON, readme) + "}").getJsonArray("pathLatency");
        assertThat(Problems.parse(out.toString(StandardCharsets.UTF_8)).getJsonObject("http").getJsonArray("pathLatency"),
                   is(shown));
    }

    private static String find(Pattern pattern, String readme) {
        Matcher m = pattern.matcher(readme);
        assertThat(pattern.pattern(), m.find(), is(true));
        return m.group(1);
    }

    /** Splits a shell command line of plain words and single-quoted words. */
    private static List<String> arguments(String line) {
        Matcher word = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
        return word.results().map(m -> m.group(1) != null ? m.group(1) : m.group(2)).toList();
    }
}
