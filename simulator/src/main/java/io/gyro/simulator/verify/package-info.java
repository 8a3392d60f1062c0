/**
 * End-of-run money conservation check: what the simulator was granted and reported as used predicts the balance of
 * every subscriber read before the run (unchanged for those no session used); the server's admin API says what it is.
 * Any difference fails the run, and so does a run that opened too few sessions or charged nothing to compare. Reads
 * balances through {@link io.gyro.simulator.verify.BalanceSource}, so tests can use an in-memory one. Depends on no
 * server code.
 */
package io.gyro.simulator.verify;
