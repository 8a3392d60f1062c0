package io.gyro.server.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The JDK HTTP client pointed at a test server's admin API, with the bearer token, JSON bodies and answers.
 */
public final class AdminClient
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;
    private String token;

    /**
     * @param address the admin API address.
     * @param token   bearer token, or null for none.
     */
    public AdminClient(final InetSocketAddress address, final String token)
    {
        this.base = "http://127.0.0.1:" + address.getPort();
        this.token = token;
    }

    /**
     * An answer.
     *
     * @param status  HTTP status.
     * @param body    body text.
     * @param response the whole response (headers).
     */
    public record Reply(int status, String body, HttpResponse<String> response)
    {
        /** @return the body as JSON. */
        public JsonNode json()
        {
            try
            {
                return MAPPER.readTree(body);
            }
            catch (final java.io.IOException ex)
            {
                throw new AssertionError("not JSON (" + status + "): " + body, ex);
            }
        }

        /**
         * @param name header name.
         * @return its first value, or null.
         */
        public String header(final String name)
        {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /**
     * @param token the token to send from now on (null: none).
     * @return this.
     */
    public AdminClient token(final String token)
    {
        this.token = token;
        return this;
    }

    /**
     * @param segment a path segment.
     * @return it percent-encoded.
     */
    public static String encode(final String segment)
    {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public Reply get(final String path) throws Exception
    {
        return send("GET", path, (byte[])null, null);
    }

    public Reply delete(final String path) throws Exception
    {
        return send("DELETE", path, (byte[])null, null);
    }

    public Reply post(final String path, final String json) throws Exception
    {
        return send("POST", path, json, "application/json");
    }

    public Reply put(final String path, final String json) throws Exception
    {
        return send("PUT", path, json, "application/json");
    }

    public Reply patch(final String path, final String json) throws Exception
    {
        return send("PATCH", path, json, "application/json");
    }

    /**
     * @param method      HTTP method.
     * @param path        path (and query).
     * @param body        body text or null.
     * @param contentType its type.
     * @return the answer.
     * @throws Exception on transport failure.
     */
    public Reply send(final String method, final String path, final String body, final String contentType)
        throws Exception
    {
        return send(method, path, null == body ? null : body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /**
     * @param method      HTTP method.
     * @param path        path (and query).
     * @param body        body octets, as they are (not necessarily UTF-8), or null.
     * @param contentType its type.
     * @return the answer.
     * @throws Exception on transport failure.
     */
    public Reply send(final String method, final String path, final byte[] body, final String contentType)
        throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
            .method(method, null == body ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofByteArray(body));
        if (null != contentType)
        {
            request.header("Content-Type", contentType);
        }
        if (null != token)
        {
            request.header("Authorization", "Bearer " + token);
        }
        final HttpResponse<String> response = http.send(request.build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body(), response);
    }
}
