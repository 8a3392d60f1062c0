package io.gyro.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON rendering of bodies and errors: errors are {@code {"error": "...", "field": "..."}}; a busy ledger is
 * 503 with {@code Retry-After}; anything unexpected is 500, logged with the route.
 */
final class ApiResponses
{
    private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);
    /** Thread safe once configured; shared by every handler. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiResponses()
    {
    }

    /** The ledger ring is above the admin threshold (or the ledger is not running yet). */
    static final class LedgerBusyException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        LedgerBusyException()
        {
            super("the ledger is busy (ring above ledger.admin-publish-below, or still recovering): retry shortly");
        }
    }

    static ObjectNode object()
    {
        return MAPPER.createObjectNode();
    }

    static ApiResponse json(final int status, final JsonNode body)
    {
        try
        {
            return ApiResponse.json(status, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot render JSON", ex);
        }
    }

    static ApiResponse error(final int status, final String field, final String message)
    {
        final ObjectNode body = object().put("error", message);
        if (null != field)
        {
            body.put("field", field);
        }
        return json(status, body);
    }

    static ApiResponse fromError(final Throwable error, final String method, final String route)
    {
        if (error instanceof ApiException api)
        {
            return error(api.status(), api.field(), api.getMessage());
        }
        if (error instanceof LedgerBusyException)
        {
            return error(503, null, error.getMessage()).withHeader("Retry-After", AdminServer.RETRY_AFTER_SECONDS);
        }
        LOG.error("admin request {} {} failed", method, route, error);
        return error(500, null, "internal error: " + error);
    }
}
