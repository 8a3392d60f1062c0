/**
 * Test fixtures shared through the ledger test-jar: the conservation-invariant checker, a command-building driver
 * with an adjustable clock, a recording notification listener, a seeded workload generator and a journal wrapper
 * that simulates full and slow disks.
 */
package io.gyro.ledger.testing;
