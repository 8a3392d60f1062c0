package io.gyro.server.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Matches method and path against route templates such as {@code /api/v1/subscribers/{subscriber}}; a
 * {@code {name}} segment matches one path segment.
 */
final class Router
{
    /** Handles one route. */
    @FunctionalInterface
    interface Handler
    {
        /**
         * @param request the request.
         * @return the response, possibly later.
         */
        CompletableFuture<ApiResponse> handle(ApiRequest request);
    }

    /**
     * One route.
     *
     * @param method   HTTP method.
     * @param template path template.
     * @param open     true when no token is needed.
     * @param handler  the handler.
     */
    record Route(String method, String template, boolean open, Handler handler)
    {
        String[] segments()
        {
            return template.substring(1).split("/", -1);
        }
    }

    /**
     * A match.
     *
     * @param route      the route.
     * @param pathParams its parameters.
     */
    record Match(Route route, Map<String, String> pathParams)
    {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(final String method, final String template, final boolean open, final Handler handler)
    {
        routes.add(new Route(method, template, open, handler));
        return this;
    }

    /** @return every route, in registration order. */
    List<Route> routes()
    {
        return Collections.unmodifiableList(routes);
    }

    /**
     * @param method  HTTP method.
     * @param decodedSegments the path's segments, each percent-decoded.
     * @return the match, or null when no route has this path.
     * @throws ApiException 405 when the path exists for other methods.
     */
    Match match(final String method, final List<String> decodedSegments)
    {
        boolean pathExists = false;
        final List<String> allowed = new ArrayList<>();
        for (final Route route : routes)
        {
            final Map<String, String> params = matchPath(route.segments(), decodedSegments);
            if (null == params)
            {
                continue;
            }
            pathExists = true;
            if (route.method().equals(method))
            {
                return new Match(route, params);
            }
            allowed.add(route.method());
        }
        if (pathExists)
        {
            throw new ApiException(405, null, "method " + method + " is not allowed here; allowed: " +
                String.join(", ", allowed));
        }
        return null;
    }

    private static Map<String, String> matchPath(final String[] template, final List<String> segments)
    {
        if (template.length != segments.size())
        {
            return null;
        }
        final Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++)
        {
            final String part = template[i];
            if (part.startsWith("{") && part.endsWith("}"))
            {
                if (segments.get(i).isEmpty())
                {
                    return null;
                }
                params.put(part.substring(1, part.length() - 1), segments.get(i));
            }
            else if (!part.equals(segments.get(i)))
            {
                return null;
            }
        }
        return params;
    }
}
