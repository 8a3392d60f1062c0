/**
 * Settings shared by every Gyro JMH benchmark; the benchmarks live in sub-packages named after the module they
 * measure.
 */
package io.gyro.perf.jmh;
