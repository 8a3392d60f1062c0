package io.gyro.server.admin;

/**
 * A request the API refuses, with the HTTP status and a message that names the offending field.
 */
final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    ApiException(final int status, final String field, final String message)
    {
        super(message);
        this.status = status;
        this.field = field;
    }

    static ApiException badRequest(final String field, final String message)
    {
        return new ApiException(400, field, null == field ? message : field + ": " + message);
    }

    static ApiException notFound(final String message)
    {
        return new ApiException(404, null, message);
    }

    static ApiException conflict(final String field, final String message)
    {
        return new ApiException(409, field, message);
    }

    int status()
    {
        return status;
    }

    String field()
    {
        return field;
    }
}
