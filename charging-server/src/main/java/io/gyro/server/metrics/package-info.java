/**
 * Metrics: one Micrometer Prometheus registry served as text at {@code /metrics}, every name prefixed
 * {@code gyro_}, with bounded label values only (commands, Result-Codes, reasons, states; never a subscriber or a
 * session). Hot paths keep plain counters that meters read at scrape time, or record into pre-registered
 * histograms; nothing here is looked up per message.
 * <p>
 * Depends on the server's protocol lanes (their counters), the ledger gateway and the ledger's journal hook. Must not
 * depend on the admin API or the CDR writer, and must not register or look up meters on a hot path; only the
 * composition root, the admin HTTP server and the CDR writer use it.
 */
package io.gyro.server.metrics;
