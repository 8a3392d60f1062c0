package io.gyro.server.diameter;

import io.gyro.config.model.GyroConfiguration;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * This server's Diameter identity (RFC 6733 §5.3: Origin-Host, Origin-Realm, Vendor-Id, Product-Name,
 * Origin-State-Id) and the realms it serves, kept as the octets written into every answer.
 *
 * @param originHost    our Origin-Host as text.
 * @param originRealm   our Origin-Realm as text.
 * @param productName   Product-Name.
 * @param vendorId      Vendor-Id.
 * @param originStateId Origin-State-Id: grows on every restart (seconds since the epoch at start-up, §8.16).
 * @param servedRealms  realms accepted in Destination-Realm.
 */
public record DiameterNode(
    String originHost,
    String originRealm,
    String productName,
    long vendorId,
    long originStateId,
    List<String> servedRealms)
{
    /** Firmware-Revision advertised in CEA. */
    public static final long FIRMWARE_REVISION = 1;

    /**
     * @param configuration   the server configuration.
     * @param startTimeMillis start-up time, from which Origin-State-Id is derived.
     * @return the node.
     */
    public static DiameterNode from(final GyroConfiguration configuration, final long startTimeMillis)
    {
        final List<String> realms = configuration.diameter().servedRealms().isEmpty() ?
            List.of(configuration.node().originRealm()) : configuration.diameter().servedRealms();
        return new DiameterNode(configuration.node().originHost(), configuration.node().originRealm(),
            configuration.node().productName(), configuration.node().vendorId(), startTimeMillis / 1000, realms);
    }

    /** @return Origin-Host octets. */
    public byte[] originHostBytes()
    {
        return originHost.getBytes(StandardCharsets.US_ASCII);
    }

    /** @return Origin-Realm octets. */
    public byte[] originRealmBytes()
    {
        return originRealm.getBytes(StandardCharsets.US_ASCII);
    }
}
