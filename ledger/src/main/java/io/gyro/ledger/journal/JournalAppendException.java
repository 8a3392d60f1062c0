package io.gyro.ledger.journal;

/**
 * A journal document could not be appended (disk full, I/O error): nothing of it is in the journal, or its bytes are
 * and only the msync failed (see {@link Journal}). The ledger keeps the document and retries; it never answers the
 * document's commands before an append succeeds.
 */
public class JournalAppendException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, for an operator.
     * @param cause   underlying failure.
     */
    public JournalAppendException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
