package io.gyro.ledger.journal;

/**
 * Where the ledger thread appends its journal documents (one per Disruptor batch). {@link ChronicleJournal} is the
 * production implementation; tests wrap it (through {@code LedgerContext.journalDecorator}) to make appends fail
 * or slow down the way a full or slow disk does.
 * <p>
 * Contract of a failed append: {@link #append} throws, and the caller keeps the document and calls {@link #append}
 * again with the same document, and with no other before it, until it succeeds. An implementation therefore never
 * holds a document twice: one whose bytes were written but whose msync failed only repeats the msync.
 */
public interface Journal extends AutoCloseable
{
    /**
     * Append one document; under sync policy {@code BATCH} it is on disk when this returns.
     *
     * @param bytes  document bytes (header, records, CRC trailer).
     * @param length document length.
     * @return the document's index in the journal.
     * @throws JournalAppendException (or another {@link RuntimeException}) when the document could not be appended,
     *                                for example because the disk is full; retry with the same document.
     */
    long append(byte[] bytes, int length);

    /** Close the journal; appended documents stay. */
    @Override
    void close();
}
