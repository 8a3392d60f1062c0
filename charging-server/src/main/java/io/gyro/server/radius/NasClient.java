package io.gyro.server.radius;

import io.gyro.config.model.Cidr;
import io.gyro.config.model.RadiusClient;
import io.gyro.protocol.radius.RadiusSecret;

import java.nio.charset.StandardCharsets;

/**
 * A configured NAS, resolved once at start: its network, its shared secret with the HMAC pads precomputed, the
 * vendor profile and the rating group its sessions are charged under. Immutable.
 *
 * @param name                        label in logs, metrics and session contexts.
 * @param nameBytes                   the name as UTF-8, written into session contexts without building it again.
 * @param network                     where the NAS sends from.
 * @param secret                      the shared secret (RFC 2865 §3).
 * @param vendor                      how it carries quota.
 * @param ratingGroup                 the rating group (tariff) of its sessions.
 * @param requireMessageAuthenticator whether requests without Message-Authenticator are dropped.
 * @param keyId                       the client's part of its session and origin keys ({@link RadiusSessionKeys}).
 * @param sharedNetwork               whether its network holds more than one address, so that several NASes may
 *                                    share its secret and only the source address tells them apart.
 */
public record NasClient(
    String name,
    byte[] nameBytes,
    Cidr network,
    RadiusSecret secret,
    VendorProfile vendor,
    long ratingGroup,
    boolean requireMessageAuthenticator,
    byte[] keyId,
    boolean sharedNetwork)
{
    /**
     * @param client the configured client.
     * @return the resolved client.
     */
    public static NasClient of(final RadiusClient client)
    {
        return new NasClient(client.name(), client.name().getBytes(StandardCharsets.UTF_8), client.address(),
            new RadiusSecret(client.secret().utf8Bytes()), VendorProfile.of(client.vendor()), client.ratingGroup(),
            client.requireMessageAuthenticator(), RadiusSessionKeys.clientId(client.name()),
            client.address().prefixLength() < 8 * (client.address().isIpv6() ? Cidr.IPV6_LENGTH : Cidr.IPV4_LENGTH));
    }
}
