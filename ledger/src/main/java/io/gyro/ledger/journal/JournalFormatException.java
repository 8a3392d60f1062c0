package io.gyro.ledger.journal;

/** The journal or a snapshot cannot be read as written; the message says where and why, for an operator. */
public class JournalFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and where.
     */
    public JournalFormatException(final String message)
    {
        super(message);
    }

    /**
     * @param message what is wrong and where.
     * @param cause   underlying failure.
     */
    public JournalFormatException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
