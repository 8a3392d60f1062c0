/**
 * JMH benchmarks of the ledger: the full pipeline with the journal off, on without msync and on with an msync per
 * batch; the bare state machine; recovery of 1 M accounts and 10 M journal events; and a bytes-per-account probe.
 * Benchmarks only: nothing here is used by the server, and nothing depends on this package.
 */
package io.gyro.perf.jmh.ledger;
