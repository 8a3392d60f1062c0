/**
 * The end-to-end load run ({@code ./gyro bench}, issue 7): starts the server in its own JVM with a temporary
 * journal, drives it with the simulator (as a library, in this JVM) at stepped open-loop rates, measures the
 * machine's ceiling against a trivial echo server in another JVM, and writes the results with the machine, JVM, git
 * revision and settings beside them.
 * <p>
 * May depend on any Gyro module; nothing depends on this package. The server is never called in process: only its
 * classes travel on the class path of the JVM this package starts.
 */
package io.gyro.perf.load;
