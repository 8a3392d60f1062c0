package io.gyro.config.model;

import java.nio.file.Path;

/**
 * Diameter over TLS (RFC 6733 §13): a listener that speaks TLS from the first byte, and TLS negotiated after
 * CER/CEA with Inband-Security-Id on the plain port (the RFC 3588 way, still used by older peers).
 *
 * @param enabled            whether any TLS is offered (needs a key store).
 * @param port               TCP port of the TLS-from-the-first-byte listener (RFC 6733: 5658); 0 picks a free one.
 * @param keyStore           PKCS#12 key store with the server key and certificate chain.
 * @param keyStorePassword   its password (masked when printed).
 * @param trustStore         PKCS#12 trust store for client certificates, or null for the JDK's default trust.
 * @param trustStorePassword its password, or null.
 * @param clientAuth         whether peers must present a certificate naming their Origin-Host.
 * @param inband             whether a peer on the plain port may ask for TLS in its CER (Inband-Security-Id 1).
 */
public record DiameterTlsConfiguration(
    boolean enabled,
    int port,
    Path keyStore,
    Secret keyStorePassword,
    Path trustStore,
    Secret trustStorePassword,
    ClientAuth clientAuth,
    boolean inband)
{
}
