package io.gyro.server.importer;

/**
 * The file as a whole cannot be imported (missing or wrong header): nothing was applied.
 */
public final class ImportFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, with the line number.
     */
    public ImportFormatException(final String message)
    {
        super(message);
    }
}
