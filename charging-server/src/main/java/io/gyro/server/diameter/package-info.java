/**
 * The Diameter side of the charging server: the Netty TCP listener, the peer layer of RFC 6733 (capabilities
 * exchange, device watchdog, disconnect, routing checks), and the Gy/Ro credit-control application of RFC 4006 and
 * TS 32.299 that turns CCRs into ledger commands and ledger results into CCAs.
 * <p>
 * Threads: each connection lives on one Netty event loop ({@link io.gyro.server.diameter.DiameterLane}); the
 * ledger thread only copies results into the lane's pending-request entries and wakes the lane, which encodes
 * and flushes. Nothing here touches ledger state directly.
 */
package io.gyro.server.diameter;
