/**
 * End-to-end load runs: a real server started in process, driven over loopback by a client in the same JVM, with
 * a correctness check after every run (a fast wrong run does not count, STYLE.md §8). Depends on anything;
 * nothing depends on it.
 */
package io.gyro.perf.load;
