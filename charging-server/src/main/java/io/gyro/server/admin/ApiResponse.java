package io.gyro.server.admin;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a route answers: status, body bytes and their content type, and extra headers.
 *
 * @param status      HTTP status.
 * @param contentType body content type, or null without a body.
 * @param body        body bytes (empty for none).
 * @param headers     extra headers.
 */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers)
{
    static final String JSON = "application/json; charset=utf-8";

    static ApiResponse json(final int status, final byte[] body)
    {
        return new ApiResponse(status, JSON, body, Map.of());
    }

    static ApiResponse text(final int status, final String contentType, final String body)
    {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static ApiResponse empty(final int status)
    {
        return new ApiResponse(status, null, new byte[0], Map.of());
    }

    ApiResponse withHeader(final String name, final String value)
    {
        final java.util.LinkedHashMap<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiResponse(status, contentType, body, all);
    }
}
