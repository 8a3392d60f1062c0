/**
 * Traffic simulator: the command line ({@link io.gyro.simulator.SimulatorMain}), run options, the tariff, mix,
 * usage and subscriber model, and the runner that drives a protocol engine (Diameter PGWs in {@code pgw}, RADIUS
 * BRASes in {@code bras}) and reports. Depends on the protocol module only; never on the ledger or the server.
 */
package io.gyro.simulator;
