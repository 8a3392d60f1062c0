package io.gyro.config.model;

/**
 * The token-protected admin HTTP API (ARCHITECTURE.md §5).
 *
 * @param enabled     whether it starts.
 * @param bindAddress IP address literal to listen on.
 * @param port        TCP port; 0 picks a free port (tests).
 * @param token       bearer token every request must present; null only when disabled; prints masked.
 * @param tls         HTTPS settings.
 */
public record AdminConfiguration(boolean enabled, String bindAddress, int port, Secret token, TlsConfiguration tls)
{
}
