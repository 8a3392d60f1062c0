/**
 * Fault and endurance runs against the real server in a JVM of its own (issue 8): {@link
 * io.gyro.perf.faults.ServerProcess} starts, kills and restarts it; {@link io.gyro.perf.faults.OverloadRun} offers
 * twice the sustainable rate; {@link io.gyro.perf.faults.SoakRun} records heap, file handles, journal size and
 * latency every minute for an hour. The crash-under-load test lives beside them in the test sources. May depend on
 * every module; nothing depends on it.
 */
package io.gyro.perf.faults;
