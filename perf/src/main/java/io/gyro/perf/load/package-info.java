/**
 * End-to-end load runs. {@link io.gyro.perf.load.LoadRun} ({@code ./gyro bench}, issue 7) starts the server in its
 * own JVM with a temporary journal, drives it with the simulator (as a library, in this JVM) at stepped open-loop
 * rates, measures the machine's ceiling against a trivial echo server in another JVM, and writes the results with the
 * machine, JVM, git revision and settings beside them. {@link io.gyro.perf.load.RadiusInterimLoad} (issue 5) runs
 * the server in process and drives RADIUS Interim-Updates over loopback, checking the ledger's committed usage
 * afterwards (a fast wrong run does not count, STYLE.md §8).
 * <p>
 * May depend on any Gyro module; nothing depends on this package.
 */
package io.gyro.perf.load;
