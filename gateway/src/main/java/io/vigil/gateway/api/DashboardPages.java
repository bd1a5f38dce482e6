package io.vigil.gateway.api;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assembles the dashboard's pages from the parts they share, once, when the gateway loads them: a line
 * {@code <!--#include NAME-->} is replaced by the partial {@code partials/NAME.html}, and the page's own link in the
 * shared navigation is marked {@code aria-current="page"}. The browser gets whole pages; nothing is assembled per
 * request or by script.
 */
final class DashboardPages {
    /** The partials pages may include, by name. */
    static final Map<String, String> PARTIALS = Map.of("site-header", "partials/site-header.html",
                                                       "refresh-toolbar", "partials/refresh-toolbar.html");

    private static final Pattern INCLUDE = Pattern.compile("^[ \\t]*<!--#include ([a-z-]+)-->\\R", Pattern.MULTILINE);

    private DashboardPages() {
    }

    /**
     * A page with its includes replaced.
     *
     * @param page     the page's file, e.g. {@code health.html}
     * @param html     the page as written
     * @param partials reads a partial's file
     * @return the whole page
     * @throws IllegalStateException when the page includes a partial that does not exist
     */
    static String assemble(String page, String html, Function<String, String> partials) {
        String link = "<a href=\"" + (page.equals("index.html") ? "/" : "/" + page) + "\">";
        String current = link.substring(0, link.length() - 1) + " aria-current=\"page\">";
        Matcher include = INCLUDE.matcher(html);
        StringBuilder whole = new StringBuilder(html.length() * 2);
        while (include.find()) {
            String file = PARTIALS.get(include.group(1));
            if (file == null) {
                throw new IllegalStateException("dashboard page " + page + " includes '" + include.group(1)
                                                        + "', which is none of " + PARTIALS.keySet());
            }
            include.appendReplacement(whole, Matcher.quoteReplacement(partials.apply(file).replace(link, current)));
        }
        include.appendTail(whole);
        return whole.toString();
    }
}
