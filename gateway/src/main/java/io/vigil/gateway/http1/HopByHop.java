package io.vigil.gateway.http1;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

/**
 * Which header fields describe one connection rather than the message (RFC 9110 section 7.6.1) and so are
 * never forwarded: the fixed hop-by-hop set plus whatever the {@code Connection} header names.
 */
public final class HopByHop {
    /** Hop-by-hop headers by definition, lowercase. */
    public static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "te",
                                             "trailer", "upgrade", "proxy-authorization", "proxy-authenticate");

    private HopByHop() {
    }

    /**
     * The hop-by-hop header names of a message.
     *
     * @param headers the message's headers
     * @return lowercase names never to forward
     */
    public static Set<String> of(Headers headers) {
        return headers.contains(HeaderNames.CONNECTION) ? with(headers.get(HeaderNames.CONNECTION).allValues()) : ALWAYS;
    }

    /**
     * The hop-by-hop header names of a message given as a list of fields.
     *
     * @param headers the message's header fields
     * @return lowercase names never to forward
     */
    public static Set<String> of(List<Header> headers) {
        List<String> connection = new ArrayList<>(1);
        for (Header header : headers) {
            if (header.headerName().equals(HeaderNames.CONNECTION)) {
                connection.addAll(header.allValues());
            }
        }
        return connection.isEmpty() ? ALWAYS : with(connection);
    }

    private static Set<String> with(List<String> connectionValues) {
        Set<String> names = null;
        for (String value : connectionValues) {
            if (value.equalsIgnoreCase("keep-alive") || value.equalsIgnoreCase("close")) {
                continue;
            }
            for (String token : value.split(",")) {
                String name = token.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names = names == null ? new HashSet<>(ALWAYS) : names;
                    names.add(name);
                }
            }
        }
        return names == null ? ALWAYS : names;
    }
}
