/**
 * Charging data records: a tailer on its own thread reads the ledger's journal (never blocking the ledger), derives
 * one CSV line per rating group of each closed charging session and per event charge, and writes them into files
 * rolled by period, with its position and open-session state checkpointed beside the files so a crash or restart
 * neither loses nor repeats a line. It also feeds the journal-derived metrics (open sessions, reservations,
 * pilot-mode would-deny counts).
 * <p>
 * Depends on the ledger's journal format (events, answer codec, tariff codec), the server's session context and
 * the metrics; must not depend on the ledger's state, the ledger pipeline or the protocol lanes.
 */
package io.gyro.server.cdr;
