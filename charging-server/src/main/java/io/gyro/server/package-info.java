/**
 * The runnable charging server: the composition root ({@link io.gyro.server.GyroServer}) and the command line.
 * This is the only module that maps protocol messages to ledger commands.
 */
package io.gyro.server;
