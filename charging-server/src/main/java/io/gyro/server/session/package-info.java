/**
 * What the server remembers about a charging session beyond the ledger's balances: the opaque session context
 * (where the session came from, subscriber identities and the network fields CDRs need) that the ledger stores
 * and journals without interpreting.
 */
package io.gyro.server.session;
