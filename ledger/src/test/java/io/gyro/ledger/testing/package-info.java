/**
 * Test fixtures shared through the ledger test-jar: the conservation-invariant checker, a command-building driver
 * with an adjustable clock, a recording notification listener and a seeded workload generator.
 */
package io.gyro.ledger.testing;
