package io.vigil.gateway.api;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The dashboard's files as committed and its pages as served: the served list is complete, each page is whole
 * (its shared parts included, its own link marked current), pages and scripts keep to what the
 * Content-Security-Policy allows (no inline script or style, nothing from another origin), every reference
 * resolves, and untrusted text (log lines, API answers) is never parsed as HTML.
 */
class DashboardServiceTest {
    private static final Pattern LOCAL_REFERENCE = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"");
    private static final Pattern IMPORT = Pattern.compile("from '\\./([^']+)'");
    private static final List<String> PAGES = List.of("index.html", "health.html", "traffic.html");

    @Test
    void theServedListAndThePartialsAreEveryFileOfTheApp() throws IOException {
        Set<String> expected = new TreeSet<>(DashboardService.FILES);
        expected.addAll(DashboardPages.PARTIALS.values());
        assertThat(new TreeSet<>(files()), is(expected));
    }

    @Test
    void eachPageIsServedWholeWithItsOwnLinkMarkedCurrent() throws IOException {
        for (String page : PAGES) {
            String html = served(page);
            assertThat(page, html.contains("<!--#include"), is(false));
            assertThat(page, html.contains("<header class=\"site-header\">"), is(true));
            String own = page.equals("index.html") ? "/" : "/" + page;
            Matcher current = Pattern.compile("<a href=\"([^\"]*)\" aria-current=\"page\">").matcher(html);
            List<String> marked = new ArrayList<>();
            while (current.find()) {
                marked.add(current.group(1));
            }
            assertThat(page, marked, is(List.of(own)));
        }
        assertThat(served("health.html").contains("id=\"interval\""), is(true));
        assertThat(served("traffic.html").contains("id=\"interval\""), is(true));
    }

    @Test
    void anIncludeOfAnUnknownPartialFailsAtStartUp() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> DashboardPages.assemble(
                "index.html", "<body>\n<!--#include footer-->\n</body>\n", partial -> ""));
        assertThat(failure.getMessage(), containsString("'footer'"));
    }

    @Test
    void pagesHaveNoInlineScriptOrStyleAndOnlyLocalReferencesThatResolve() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String page : PAGES) {
            String html = served(page);
            check(problems, page, html, "<script(?![^>]*\\ssrc=)[^>]*>", "an inline script");
            check(problems, page, html, "<style", "a style element");
            check(problems, page, html, "\\sstyle=", "a style attribute");
            check(problems, page, html, "\\son[a-z]+=", "an inline event handler");
            check(problems, page, html, "(?:src|href)=\"(?:https?:)?//", "a reference to another origin");
            Matcher reference = LOCAL_REFERENCE.matcher(html);
            while (reference.find()) {
                String target = reference.group(1).split("#")[0];
                if (!target.equals("/") && !DashboardService.FILES.contains(target.substring(1))) {
                    problems.add(page + ": " + target + " is not served");
                }
            }
        }
        assertThat(problems, is(empty()));
    }

    @Test
    void scriptsImportOnlyServedModulesAndNeverParseTextAsHtml() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String file : DashboardService.FILES) {
            if (!file.endsWith(".js")) {
                continue;
            }
            String script = read(file);
            Matcher module = IMPORT.matcher(script);
            while (module.find()) {
                if (!DashboardService.FILES.contains("assets/" + module.group(1))) {
                    problems.add(file + ": imports " + module.group(1) + ", which is not served");
                }
            }
            check(problems, file, script, "innerHTML|outerHTML|insertAdjacentHTML|document\\.write", "HTML parsing");
            check(problems, file, script, "\\beval\\(|new Function\\(|setAttribute\\('style'", "what the policy forbids");
            check(problems, file, script, "https?://(?!www\\.w3\\.org/2000/svg)", "a reference to another origin");
        }
        assertThat(problems, is(empty()));
    }

    @Test
    void ifNoneMatchListsAreComparedWeakly() {
        assertThat(DashboardService.matches("\"abc\"", "\"abc\""), is(true));
        assertThat(DashboardService.matches("W/\"abc\"", "\"abc\""), is(true));
        assertThat(DashboardService.matches("\"x\", \"abc\"", "\"abc\""), is(true));
        assertThat(DashboardService.matches("*", "\"abc\""), is(true));
        assertThat(DashboardService.matches("\"abcd\"", "\"abc\""), is(false));
        assertThat(DashboardService.matches("", "\"abc\""), is(false));
    }

    private static void check(List<String> problems, String file, String text, String regex, String what) {
        if (Pattern.compile(regex).matcher(text).find()) {
            problems.add(file + " has " + what + " (" + regex + ")");
        }
    }

    private static Path root() {
        try {
            return Path.of(DashboardService.class.getResource(DashboardService.ROOT).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> files() throws IOException {
        Path root = root();
        try (Stream<Path> paths = Files.walk(root)) {
            Set<String> found = new TreeSet<>();
            paths.filter(Files::isRegularFile).forEach(path -> found.add(root.relativize(path).toString().replace('\\', '/')));
            return found;
        }
    }

    private static String served(String page) throws IOException {
        return new String(DashboardService.page(page, read(page).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static String read(String file) throws IOException {
        return Files.readString(root().resolve(file), StandardCharsets.UTF_8);
    }
}
