/**
 * The charging server's side of the ledger: publishing commands onto the ring with load shedding by priority,
 * routing each processed command's reply back to the lane it came from, admin-style calls that wait for their
 * answer, and the mapping of configured tariffs and demo data into ledger commands.
 */
package io.gyro.server.ledger;
