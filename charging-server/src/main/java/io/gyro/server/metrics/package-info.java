/**
 * Metrics: one Micrometer Prometheus registry served as text at {@code /metrics}, every name prefixed
 * {@code gyro_}, with bounded label values only (commands, Result-Codes, reasons, states; never a subscriber or a
 * session). Hot paths keep plain counters that meters read at scrape time, or record into pre-registered
 * histograms; nothing here is looked up per message.
 * <p>
 * Depends on the server's protocol lanes, the ledger gateway and the ledger's journal hook; nothing depends on it
 * except the composition root and the admin HTTP server.
 */
package io.gyro.server.metrics;
