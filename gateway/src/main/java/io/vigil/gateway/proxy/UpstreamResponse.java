package io.vigil.gateway.proxy;

import io.vigil.gateway.http1.ResponseBody;
import io.vigil.gateway.http1.ResponseHead;

/**
 * An upstream's answer whose head has arrived: the head, its body to read, and the pump still sending the request
 * body, if any. The connection it came on belongs to the {@link Exchange}.
 *
 * @param head status and headers
 * @param body the body, framing removed
 * @param pump the request-body pump, or {@code null} when the body was not pumped
 */
record UpstreamResponse(ResponseHead head, ResponseBody body, BodyPump pump) {
}
