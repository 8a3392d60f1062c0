/**
 * RADIUS in the charging server (issue 5): the UDP listeners for prepaid authorization (RFC 2865) and accounting
 * (RFC 2866, RFC 2869), the Disconnect/CoA sender (RFC 5176), and the mapping of RADIUS requests onto ledger
 * commands. One {@link io.gyro.server.radius.RadiusLane} on one event loop owns the sockets, the pending-request
 * table, the RFC 5080 duplicate cache and the outstanding Disconnect/CoA requests; it reaches the ledger only
 * through {@link io.gyro.server.ledger.LedgerGateway}.
 * <p>
 * Uses the {@code protocol} RADIUS codec (never a second one), the {@code ledger} command API and the
 * {@code config} model; must not depend on the Diameter peer layer (only the shared tariff view
 * {@link io.gyro.server.diameter.TariffDirectory}) or on the admin API.
 */
package io.gyro.server.radius;
