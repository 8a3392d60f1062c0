/** The kill -9 crash-safety test and the child process it kills. */
package io.gyro.ledger.crash;
