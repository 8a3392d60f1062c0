package io.gyro.config.model;

import java.nio.file.Path;

/**
 * This node's identity toward Diameter peers (RFC 6733 §5.3 CER/CEA) and where it keeps its data.
 *
 * @param originHost  Origin-Host (DiameterIdentity, RFC 6733 §4.3.1).
 * @param originRealm Origin-Realm.
 * @param productName Product-Name (RFC 6733 §5.3.7).
 * @param vendorId    Vendor-Id in CER/CEA (RFC 6733 §5.3.3); 0 is IETF.
 * @param dataDir     journal, snapshots and CDRs live below this directory (relative to the working directory).
 */
public record NodeConfiguration(String originHost, String originRealm, String productName, long vendorId, Path dataDir)
{
}
