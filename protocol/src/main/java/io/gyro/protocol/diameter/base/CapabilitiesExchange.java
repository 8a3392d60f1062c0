package io.gyro.protocol.diameter.base;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterHeaderDescriptor;
import io.gyro.protocol.diameter.FailedAvp;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;

/**
 * Capabilities-Exchange-Request and -Answer (RFC 6733 §5.3): who the peer is and which applications it runs.
 *
 * @param originHost                  Origin-Host.
 * @param originRealm                 Origin-Realm.
 * @param hostIpAddresses             Host-IP-Address values, 4 or 16 octets each.
 * @param vendorId                    Vendor-Id.
 * @param productName                 Product-Name.
 * @param originStateId               Origin-State-Id, -1 when absent.
 * @param supportedVendorIds          Supported-Vendor-Id values.
 * @param authApplicationIds          Auth-Application-Id values.
 * @param acctApplicationIds          Acct-Application-Id values.
 * @param vendorSpecificApplicationIds Auth- or Acct-Application-Ids inside Vendor-Specific-Application-Id
 *                                     (the Vendor-Id in there is ignored for matching, §5.3.1 / PROTOCOLS.md §1.5).
 * @param inbandSecurityIds           Inband-Security-Id values.
 * @param firmwareRevision            Firmware-Revision, -1 when absent.
 * @param resultCode                  Result-Code of an answer, -1 in a request.
 * @param errorMessage                Error-Message of an answer, or null.
 */
public record CapabilitiesExchange(
    String originHost,
    String originRealm,
    List<byte[]> hostIpAddresses,
    long vendorId,
    String productName,
    long originStateId,
    List<Long> supportedVendorIds,
    List<Long> authApplicationIds,
    List<Long> acctApplicationIds,
    List<Long> vendorSpecificApplicationIds,
    List<Long> inbandSecurityIds,
    long firmwareRevision,
    long resultCode,
    String errorMessage)
{
    /**
     * Read a CER or CEA.
     *
     * @param buffer holding the message.
     * @param offset of its header.
     * @return the decoded message; absent AVPs are null, -1 or empty.
     */
    public static CapabilitiesExchange decode(final ByteBuf buffer, final int offset)
    {
        String originHost = null;
        String originRealm = null;
        String productName = null;
        String errorMessage = null;
        long vendorId = -1;
        long originStateId = -1;
        long firmwareRevision = -1;
        long resultCode = -1;
        final List<byte[]> addresses = new ArrayList<>();
        final List<Long> supportedVendors = new ArrayList<>();
        final List<Long> auth = new ArrayList<>();
        final List<Long> acct = new ArrayList<>();
        final List<Long> vendorSpecific = new ArrayList<>();
        final List<Long> inbandSecurity = new ArrayList<>();

        final AvpReader reader = new AvpReader().wrapMessage(buffer, offset);
        while (reader.next())
        {
            if (0 != reader.vendorId())
            {
                continue;
            }
            switch (reader.code())
            {
                case AvpCode.ORIGIN_HOST -> originHost = reader.utf8();
                case AvpCode.ORIGIN_REALM -> originRealm = reader.utf8();
                case AvpCode.PRODUCT_NAME -> productName = reader.utf8();
                case AvpCode.ERROR_MESSAGE -> errorMessage = reader.utf8();
                case AvpCode.VENDOR_ID -> vendorId = reader.uint32();
                case AvpCode.ORIGIN_STATE_ID -> originStateId = reader.uint32();
                case AvpCode.FIRMWARE_REVISION -> firmwareRevision = reader.uint32();
                case AvpCode.RESULT_CODE -> resultCode = reader.uint32();
                case AvpCode.SUPPORTED_VENDOR_ID -> supportedVendors.add(reader.uint32());
                case AvpCode.AUTH_APPLICATION_ID -> auth.add(reader.uint32());
                case AvpCode.ACCT_APPLICATION_ID -> acct.add(reader.uint32());
                case AvpCode.INBAND_SECURITY_ID -> inbandSecurity.add(reader.uint32());
                case AvpCode.HOST_IP_ADDRESS ->
                {
                    if (reader.dataLength() == 6 || reader.dataLength() == 18)
                    {
                        final byte[] address = new byte[reader.dataLength() - 2];
                        reader.buffer().getBytes(reader.dataOffset() + 2, address);
                        addresses.add(address);
                    }
                }
                case AvpCode.VENDOR_SPECIFIC_APPLICATION_ID ->
                {
                    final AvpReader group = new AvpReader().wrapGroup(reader);
                    while (group.next())
                    {
                        if (AvpCode.AUTH_APPLICATION_ID == group.code() || AvpCode.ACCT_APPLICATION_ID == group.code())
                        {
                            vendorSpecific.add(group.uint32());
                        }
                    }
                }
                default ->
                {
                }
            }
        }
        return new CapabilitiesExchange(originHost, originRealm, addresses, vendorId, productName, originStateId,
            supportedVendors, auth, acct, vendorSpecific, inbandSecurity, firmwareRevision, resultCode, errorMessage);
    }

    /**
     * Every application the peer advertised, wherever it was listed.
     *
     * @return Application-Ids in order of appearance.
     */
    public Set<Long> advertisedApplications()
    {
        final Set<Long> ids = new LinkedHashSet<>(authApplicationIds);
        ids.addAll(acctApplicationIds);
        ids.addAll(vendorSpecificApplicationIds);
        return ids;
    }

    /**
     * Whether this peer and one serving {@code applicationId} have it in common (§5.3: the relay application
     * 0xFFFFFFFF is common with everything).
     *
     * @param applicationId what we serve.
     * @return true when in common.
     */
    public boolean supportsApplication(final long applicationId)
    {
        final Set<Long> ids = advertisedApplications();
        return ids.contains(applicationId) || ids.contains(ApplicationIds.RELAY);
    }

    /**
     * Write this as a CER.
     *
     * @param encoder    wrapped on the output buffer.
     * @param hopByHopId Hop-by-Hop Identifier.
     * @param endToEndId End-to-End Identifier.
     * @return message length.
     */
    public int encodeRequest(final DiameterEncoder encoder, final int hopByHopId, final int endToEndId)
    {
        encoder.header(DiameterHeaderDescriptor.FLAG_REQUEST, CommandCode.CAPABILITIES_EXCHANGE,
            ApplicationIds.COMMON, hopByHopId, endToEndId);
        writeBody(encoder);
        return encoder.finish();
    }

    /**
     * Write this as the CEA answering a CER.
     *
     * @param encoder wrapped on the output buffer.
     * @param echo    what the answer copies from the CER.
     * @return message length.
     */
    public int encodeAnswer(final DiameterEncoder encoder, final RequestEcho echo)
    {
        return encodeAnswer(encoder, echo, null, null);
    }

    /**
     * Write this as the CEA answering a CER, with the AVP that made the CER fail (RFC 6733 §5.3.2: the CEA has
     * {@code [Failed-AVP]}). Every result gets the whole CEA grammar, {Host-IP-Address}, {Vendor-Id} and
     * {Product-Name} included; a protocol error (3xxx) also sets the E bit (§7.1.3), whose generic grammar (§7.2)
     * admits those AVPs through its {@code *[AVP]}.
     *
     * @param encoder   wrapped on the output buffer.
     * @param echo      what the answer copies from the CER.
     * @param failedAvp the offending AVP, or null.
     * @param request   buffer the failed AVP's offsets refer to (may be null when {@code failedAvp} is).
     * @return message length.
     */
    public int encodeAnswer(
        final DiameterEncoder encoder, final RequestEcho echo, final FailedAvp failedAvp, final ByteBuf request)
    {
        echo.writeAnswerHeader(encoder, resultCode >= 3000 && resultCode < 4000);
        encoder.uint32(AvpCode.RESULT_CODE, FLAG_MANDATORY, 0, resultCode);
        writeBody(encoder);
        if (null != errorMessage)
        {
            encoder.utf8(AvpCode.ERROR_MESSAGE, 0, 0, errorMessage);
        }
        if (null != failedAvp && failedAvp.isPresent())
        {
            failedAvp.writeTo(encoder, request);
        }
        return encoder.finish();
    }

    private void writeBody(final DiameterEncoder encoder)
    {
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, originHost);
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, originRealm);
        for (final byte[] address : hostIpAddresses)
        {
            encoder.address(AvpCode.HOST_IP_ADDRESS, FLAG_MANDATORY, 0, address);
        }
        encoder.uint32(AvpCode.VENDOR_ID, FLAG_MANDATORY, 0, vendorId);
        // Product-Name and Firmware-Revision: the M bit MUST NOT be set (RFC 6733 §5.3.7, §5.3.4).
        encoder.utf8(AvpCode.PRODUCT_NAME, 0, 0, productName);
        if (originStateId >= 0)
        {
            encoder.uint32(AvpCode.ORIGIN_STATE_ID, FLAG_MANDATORY, 0, originStateId);
        }
        for (final long id : supportedVendorIds)
        {
            encoder.uint32(AvpCode.SUPPORTED_VENDOR_ID, FLAG_MANDATORY, 0, id);
        }
        for (final long id : authApplicationIds)
        {
            encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, id);
        }
        for (final long id : inbandSecurityIds)
        {
            encoder.uint32(AvpCode.INBAND_SECURITY_ID, FLAG_MANDATORY, 0, id);
        }
        for (final long id : acctApplicationIds)
        {
            encoder.uint32(AvpCode.ACCT_APPLICATION_ID, FLAG_MANDATORY, 0, id);
        }
        for (final long id : vendorSpecificApplicationIds)
        {
            // The Vendor-Id inside is informational only (§6.11); this node's own Vendor-Id is written.
            encoder.beginGroup(AvpCode.VENDOR_SPECIFIC_APPLICATION_ID, FLAG_MANDATORY, 0);
            encoder.uint32(AvpCode.VENDOR_ID, FLAG_MANDATORY, 0, vendorId);
            encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, id);
            encoder.endGroup();
        }
        if (firmwareRevision >= 0)
        {
            encoder.uint32(AvpCode.FIRMWARE_REVISION, 0, 0, firmwareRevision);
        }
    }
}
