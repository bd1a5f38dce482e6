package io.vigil.gateway;

import java.util.Set;

import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import io.helidon.http.encoding.ContentEncodingContext;

/**
 * Lets compressed request bodies through the gateway untouched. Helidon 4.1.2's server rejects a request with
 * {@code Content-Encoding} when no decoder is installed (400, "content encoding is disabled"), and decodes it when
 * one is; a proxy must do neither: logparse decompresses {@code Content-Encoding: gzip} itself. This "decoder"
 * accepts the common encodings and hands the bytes on as they are; it encodes nothing, so responses are not
 * compressed by the gateway either.
 */
final class PassThroughEncoding implements ContentEncoding {
    private static final Set<String> IDS = Set.of("gzip", "x-gzip", "deflate", "br", "zstd", "compress", "x-compress");

    /**
     * The content encoding context for the gateway's listener.
     *
     * @return a context that passes the common encodings through and adds none
     */
    static ContentEncodingContext context() {
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
