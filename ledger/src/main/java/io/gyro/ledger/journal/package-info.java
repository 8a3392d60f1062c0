/**
 * Persistence formats and tools: the event interface ({@link io.gyro.ledger.journal.LedgerEvents}), its binary
 * encoder/decoder and record layout ({@link io.gyro.ledger.journal.JournalRecordDescriptor}), recorded answers
 * ({@link io.gyro.ledger.journal.ResultCodec}), the Chronicle Queue journal, snapshot files with CRC32C and a
 * format version, and the {@code journal dump} tool. Every format carries a version from the first release; an
 * unknown newer version is refused ({@link io.gyro.ledger.journal.JournalVersionException}), never misread.
 * <p>
 * May depend on the public API and rating packages; must not depend on {@code io.gyro.ledger.internal}.
 */
package io.gyro.ledger.journal;
