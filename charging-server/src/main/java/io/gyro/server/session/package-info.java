/**
 * What the server remembers about a charging session beyond the ledger's balances: the opaque session context
 * (where the session came from, subscriber identities and the network fields CDRs need) that the ledger stores
 * and journals without interpreting; and how a session key is written as text for the admin API and CDRs.
 */
package io.gyro.server.session;
