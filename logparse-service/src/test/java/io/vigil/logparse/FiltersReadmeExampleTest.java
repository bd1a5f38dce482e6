package io.vigil.logparse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vigil.common.testing.Problems;
import io.vigil.logparse.engine.AnalysisJson;
import io.vigil.logparse.engine.AnalyzeOptions;
import io.vigil.logparse.engine.Analyzer;
import io.vigil.logparse.engine.EngineLimits;
import io.vigil.logparse.engine.Filters;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The filter example of the README holds: its {@code log:} analysed with the filters of its {@code query:} gives the
 * {@code filters:} section it shows.
 */
class FiltersReadmeExampleTest {
    private static final Pattern EXAMPLE = Pattern.compile("```text\\nlog:\\n(.*?)\\nquery: (.*?)\\nfilters: (.*?)\\n```",
                                                           Pattern.DOTALL);

    @Test
    void theFilterExampleOfTheReadmeHolds() throws IOException {
        Matcher example = EXAMPLE.matcher(Files.readString(Path.of("..", "README.md")));
        assertThat("the README has a filter example", example.find(), is(true));
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : example.group(2).split("&")) {
            String[] nameValue = pair.split("=", 2);
            query.computeIfAbsent(nameValue[0], name -> new ArrayList<>())
                    .add(URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        Filters filters = Filters.parse(name -> query.getOrDefault(name, List.of()), ZoneOffset.UTC);
        var analysis = new Analyzer(EngineLimits.DEFAULTS).analyze(
                new ByteArrayInputStream((example.group(1) + "\n").getBytes(StandardCharsets.UTF_8)),
                AnalyzeOptions.defaults().withFilters(filters));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AnalysisJson.write(analysis, 10, false, out);

        assertThat(Problems.parse(out.toString(StandardCharsets.UTF_8)).getJsonObject("filters").toString(),
                   is(example.group(3)));
    }
}
