package io.vigil.gateway;

/**
 * An upstream's answer whose head has arrived: the connection it came on, the head, its body to read, and the
 * pump still sending the request body, if any.
 *
 * @param connection the connection, to return to the pool once the body is read
 * @param head       status and headers
 * @param body       the body, framing removed
 * @param pump       the request-body pump, or {@code null} for a bodiless request
 */
record UpstreamResponse(UpstreamConnection connection, ResponseHead head, ResponseBody body, BodyPump pump) {
}
