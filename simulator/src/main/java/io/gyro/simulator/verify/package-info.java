/**
 * End-of-run money conservation check: what the simulator was granted and reported as used predicts each touched
 * subscriber's balance; the server's admin API says what it is. Any difference fails the run. Reads balances through
 * {@link io.gyro.simulator.verify.BalanceSource}, so tests can use an in-memory one. Depends on no server code.
 */
package io.gyro.simulator.verify;
