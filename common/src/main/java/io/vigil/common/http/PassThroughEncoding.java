package io.vigil.common.http;

import java.util.Set;

import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import io.helidon.http.encoding.ContentEncodingContext;

/**
 * Lets request bodies with a {@code Content-Encoding} reach handlers exactly as sent. Without it Helidon
 * rejects any encoding it has no decoder for (400), and with its gzip module it would inflate bodies
 * itself, without the limits logparse applies and without the gateway passing them on unchanged. Each
 * service decides what to do with the encoding; responses are never compressed.
 */
public final class PassThroughEncoding implements ContentEncoding {
    /** Encodings whose bodies are passed through. */
    static final Set<String> IDS = Set.of("gzip", "x-gzip", "deflate", "br", "zstd", "compress");

    /**
     * The server's content-encoding context: these encodings pass through, nothing else is decoded.
     *
     * @return context for the server's listener
     */
    public static ContentEncodingContext context() {
        return ContentEncodingContext.builder()
                .contentEncodingsDiscoverServices(false)
                .addContentEncoding(new PassThroughEncoding())
                .build();
    }

    @Override
    public Set<String> ids() {
        return IDS;
    }

    @Override
    public boolean supportsEncoding() {
        return false;
    }

    @Override
    public boolean supportsDecoding() {
        return true;
    }

    @Override
    public ContentDecoder decoder() {
        return ContentDecoder.NO_OP;
    }

    @Override
    public ContentEncoder encoder() {
        return ContentEncoder.NO_OP;
    }

    @Override
    public String name() {
        return "pass-through";
    }

    @Override
    public String type() {
        return "pass-through";
    }
}
