/**
 * Fault tests (issue 8): a full or slow journal disk, a peer that stops reading, a peer that vanishes. Each runs the
 * real server in process over loopback with an adjustable clock, asserts counts (answers, shed requests, queued
 * bytes), never latencies, and checks the conservation invariant afterwards. Test code only; depends on the server's
 * test fixtures and the ledger test-jar.
 */
package io.gyro.server.faults;
