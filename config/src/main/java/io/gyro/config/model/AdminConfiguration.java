package io.gyro.config.model;

/**
 * The token-protected admin HTTP API (ARCHITECTURE.md §5).
 *
 * @param enabled     whether it starts.
 * @param bindAddress IP address literal to listen on.
 * @param port        TCP port; 0 picks a free port (tests).
 * @param token       bearer token every request must present; null only when disabled; prints masked.
 * @param tls         HTTPS settings.
 * @param maxConnections most connections open at once; more are closed when accepted.
 * @param idleTimeoutMs  a connection with no traffic for this long and no request in progress is closed.
 */
public record AdminConfiguration(
    boolean enabled,
    String bindAddress,
    int port,
    Secret token,
    TlsConfiguration tls,
    int maxConnections,
    long idleTimeoutMs)
{
}
