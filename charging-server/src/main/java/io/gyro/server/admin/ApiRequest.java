package io.gyro.server.admin;

import java.util.List;
import java.util.Map;

/**
 * A request as a route sees it: path parameters (percent-decoded), query parameters, selected headers and the
 * body bytes (copied out of Netty's buffer before the handler runs).
 *
 * @param method      HTTP method.
 * @param path        the decoded path.
 * @param pathParams  values of the route template's {@code {name}} segments.
 * @param query       query parameters.
 * @param contentType the Content-Type header, or null.
 * @param idempotencyKey the Idempotency-Key header, or null.
 * @param body        body bytes.
 */
record ApiRequest(
    String method,
    String path,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    String contentType,
    String idempotencyKey,
    byte[] body)
{
    String param(final String name)
    {
        return pathParams.get(name);
    }

    String queryParam(final String name)
    {
        final List<String> values = query.get(name);
        return null == values || values.isEmpty() ? null : values.get(0);
    }
}
