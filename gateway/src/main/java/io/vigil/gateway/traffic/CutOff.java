package io.vigil.gateway.traffic;

import io.helidon.webserver.http.ServerRequest;

/**
 * Marks a request whose exchange the gateway had to abandon with its connection, so that it is measured by what the
 * client really got rather than by the status line it may already have received: {@code 502} when the upstream broke
 * off its response, {@code 499} (nginx's "client closed request") when the client went away or its body failed.
 *
 * @param clientGone whether the client, not the upstream, ended the exchange
 */
public record CutOff(boolean clientGone) {
    /** The status of a request the client abandoned: not a server error. */
    static final int CLIENT_CLOSED = 499;
    /** The status of a response the upstream broke off. */
    static final int UPSTREAM_FAILED = 502;

    /**
     * Marks a request.
     *
     * @param request    the request
     * @param clientGone whether the client ended the exchange
     */
    public static void mark(ServerRequest request, boolean clientGone) {
        request.context().register(new CutOff(clientGone));
    }

    /**
     * The status the request is measured with.
     *
     * @return 499 or 502
     */
    int status() {
        return clientGone ? CLIENT_CLOSED : UPSTREAM_FAILED;
    }
}
