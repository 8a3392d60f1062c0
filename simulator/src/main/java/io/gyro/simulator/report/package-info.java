/**
 * Measurement and reporting: per-connection counters and HdrHistogram recorders written by the event loops (single
 * writer each), the once-a-second progress line and {@code .hlog} interval, and the final report ({@code .hgrm},
 * SVG percentile plot, JSON summary, text). Knows nothing of Diameter or RADIUS beyond the labels it is given.
 */
package io.gyro.simulator.report;
