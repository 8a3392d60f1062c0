package io.gyro.config.model;

/**
 * A NAS (BRAS/BNG) allowed to send RADIUS requests.
 *
 * @param name                        label used in logs and metrics.
 * @param address                     the network the NAS sends from; never overlaps another client's.
 * @param secret                      the shared secret (RFC 2865 §3); prints masked.
 * @param vendor                      NAS family: which vendor attributes carry quota.
 * @param ratingGroup                 the rating group its traffic is charged under.
 * @param requireMessageAuthenticator whether requests without Message-Authenticator (RFC 3579 §3.2) are dropped.
 */
public record RadiusClient(
    String name,
    Cidr address,
    Secret secret,
    RadiusVendor vendor,
    long ratingGroup,
    boolean requireMessageAuthenticator)
{
}
