/**
 * The admin HTTP API (JSON under {@code /api/v1/}, bearer token) and the unauthenticated {@code /health} and
 * {@code /metrics}, served by Netty on their own event loop. Every write is one ledger command published with
 * {@code Priority.ADMIN} (only while the ring is below the admin threshold, else 503 with Retry-After), so nothing
 * is half-applied and the ledger stays the one writer. The routes are described in {@code admin-api.yaml}
 * (OpenAPI 3), served at {@code /api/v1/openapi.yaml}.
 * <p>
 * Off the hot path: JSON (Jackson) and allocation are fine here, and nothing on the hot path may depend on this
 * package. Depends on the ledger gateway, the metrics, the importer and the configuration model; it must not reach
 * into the protocol lanes or the ledger's state (a tariff change reaches the lanes through a callback).
 */
package io.gyro.server.admin;
