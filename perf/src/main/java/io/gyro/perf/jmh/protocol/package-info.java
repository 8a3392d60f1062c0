/**
 * JMH benchmarks of the protocol module: decoding a Gy CCR-Update and encoding its CCA (issue 2's target: 300 ns
 * or less each, 0 bytes allocated per operation).
 */
package io.gyro.perf.jmh.protocol;
