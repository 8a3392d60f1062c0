package io.gyro.ledger.journal;

/**
 * Data written by a newer Gyro (a format version this one does not know): never misread, never skipped; the
 * process refuses to start and says which version to run.
 */
public final class JournalVersionException extends JournalFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was found and which versions this Gyro reads.
     */
    public JournalVersionException(final String message)
    {
        super(message);
    }
}
