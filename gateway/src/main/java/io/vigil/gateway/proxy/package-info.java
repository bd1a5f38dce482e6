/**
 * Forwarding a request along its route: an endpoint chosen for each attempt, the request head and a body pump on
 * one side, the answer relayed on the other, all bounded by the {@code Watchdog}; retries that move to another
 * endpoint when the request can be sent again; and the one place where failures become problem documents and
 * metrics ({@code FailureResponses}). The {@code Exchange} owns the upstream connection in use and hands it back to
 * its pool. Client spans per attempt when the gateway traces ({@code UpstreamTracing}); the route, upstream, endpoint,
 * attempts and circuit state of each exchange in the request's access log line ({@code ExchangeLog}).
 */
package io.vigil.gateway.proxy;
