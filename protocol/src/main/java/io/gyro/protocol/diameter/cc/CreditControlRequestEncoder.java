package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterHeaderDescriptor;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.buffer.ByteBuf;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;

/**
 * Writes a Credit-Control-Request (RFC 4006 §3.1) the way a PGW/SMF does: the simulator's and the tests' side of
 * the conversation. Order of calls: {@link #begin}, optional command-level AVPs, MSCCs, {@link #finish()}.
 * Never allocates. Not thread safe.
 */
public final class CreditControlRequestEncoder
{
    private final DiameterEncoder encoder = new DiameterEncoder();
    private int messageStart;

    /**
     * Start a CCR with its fixed AVPs: {@code <Session-Id> {Origin-Host} {Origin-Realm} {Destination-Realm}
     * [Destination-Host] {Auth-Application-Id} {Service-Context-Id} {CC-Request-Type} {CC-Request-Number}}.
     *
     * @param buffer           to write into.
     * @param hopByHopId       Hop-by-Hop Identifier.
     * @param endToEndId       End-to-End Identifier.
     * @param sessionId        Session-Id octets.
     * @param originHost       Origin-Host.
     * @param originRealm      Origin-Realm.
     * @param destinationRealm Destination-Realm.
     * @param destinationHost  Destination-Host, or null to leave out.
     * @param serviceContextId Service-Context-Id, e.g. {@code 32251@3gpp.org}.
     * @param ccRequestType    1 INITIAL, 2 UPDATE, 3 TERMINATION, 4 EVENT.
     * @param ccRequestNumber  CC-Request-Number.
     * @return this for chaining.
     */
    public CreditControlRequestEncoder begin(
        final ByteBuf buffer,
        final int hopByHopId,
        final int endToEndId,
        final byte[] sessionId,
        final byte[] originHost,
        final byte[] originRealm,
        final byte[] destinationRealm,
        final byte[] destinationHost,
        final byte[] serviceContextId,
        final int ccRequestType,
        final long ccRequestNumber)
    {
        messageStart = buffer.writerIndex();
        encoder.wrap(buffer).header(
            DiameterHeaderDescriptor.FLAG_REQUEST | DiameterHeaderDescriptor.FLAG_PROXIABLE,
            CommandCode.CREDIT_CONTROL, ApplicationIds.CREDIT_CONTROL, hopByHopId, endToEndId);
        encoder.octets(AvpCode.SESSION_ID, FLAG_MANDATORY, 0, sessionId);
        encoder.octets(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, originHost);
        encoder.octets(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, originRealm);
        encoder.octets(AvpCode.DESTINATION_REALM, FLAG_MANDATORY, 0, destinationRealm);
        if (null != destinationHost)
        {
            encoder.octets(AvpCode.DESTINATION_HOST, FLAG_MANDATORY, 0, destinationHost);
        }
        encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, ApplicationIds.CREDIT_CONTROL);
        encoder.octets(AvpCode.SERVICE_CONTEXT_ID, FLAG_MANDATORY, 0, serviceContextId);
        encoder.int32(AvpCode.CC_REQUEST_TYPE, FLAG_MANDATORY, 0, ccRequestType);
        encoder.uint32(AvpCode.CC_REQUEST_NUMBER, FLAG_MANDATORY, 0, ccRequestNumber);
        return this;
    }

    /** @return the underlying encoder, for AVPs this class has no method for. */
    public DiameterEncoder encoder()
    {
        return encoder;
    }

    /**
     * @param type Subscription-Id-Type (0 E164, 1 IMSI, 2 SIP URI, 3 NAI, 4 PRIVATE).
     * @param data Subscription-Id-Data.
     * @return this for chaining.
     */
    public CreditControlRequestEncoder subscriptionId(final int type, final byte[] data)
    {
        encoder.beginGroup(AvpCode.SUBSCRIPTION_ID, FLAG_MANDATORY, 0);
        encoder.int32(AvpCode.SUBSCRIPTION_ID_TYPE, FLAG_MANDATORY, 0, type);
        encoder.octets(AvpCode.SUBSCRIPTION_ID_DATA, FLAG_MANDATORY, 0, data);
        encoder.endGroup();
        return this;
    }

    /**
     * @param originStateId Origin-State-Id.
     * @return this for chaining.
     */
    public CreditControlRequestEncoder originStateId(final long originStateId)
    {
        encoder.uint32(AvpCode.ORIGIN_STATE_ID, FLAG_MANDATORY, 0, originStateId);
        return this;
    }

    /**
     * @param unixSeconds Event-Timestamp.
     * @return this for chaining.
     */
    public CreditControlRequestEncoder eventTimestamp(final long unixSeconds)
    {
        encoder.time(AvpCode.EVENT_TIMESTAMP, FLAG_MANDATORY, 0, unixSeconds);
        return this;
    }

    /**
     * @param action Requested-Action (EVENT requests).
     * @return this for chaining.
     */
    public CreditControlRequestEncoder requestedAction(final int action)
    {
        encoder.int32(AvpCode.REQUESTED_ACTION, FLAG_MANDATORY, 0, action);
        return this;
    }

    /**
     * @param indicator Multiple-Services-Indicator (1 = MULTIPLE_SERVICES_SUPPORTED).
     * @return this for chaining.
     */
    public CreditControlRequestEncoder multipleServicesIndicator(final int indicator)
    {
        encoder.int32(AvpCode.MULTIPLE_SERVICES_INDICATOR, FLAG_MANDATORY, 0, indicator);
        return this;
    }

    /**
     * @param cause Termination-Cause (CCR-T).
     * @return this for chaining.
     */
    public CreditControlRequestEncoder terminationCause(final int cause)
    {
        encoder.int32(AvpCode.TERMINATION_CAUSE, FLAG_MANDATORY, 0, cause);
        return this;
    }

    /**
     * @param serviceIdentifier command-level Service-Identifier.
     * @return this for chaining.
     */
    public CreditControlRequestEncoder serviceIdentifier(final long serviceIdentifier)
    {
        encoder.uint32(AvpCode.SERVICE_IDENTIFIER, FLAG_MANDATORY, 0, serviceIdentifier);
        return this;
    }

    /**
     * Requested-Service-Unit, at command level or inside an open MSCC; an empty holder writes an empty RSU.
     *
     * @param units requested units.
     * @return this for chaining.
     */
    public CreditControlRequestEncoder requestedServiceUnit(final ServiceUnits units)
    {
        encoder.beginGroup(AvpCode.REQUESTED_SERVICE_UNIT, FLAG_MANDATORY, 0);
        units.writeTo(encoder);
        encoder.endGroup();
        return this;
    }

    /**
     * Used-Service-Unit, at command level or inside an open MSCC, with the units' Reporting-Reason if set.
     *
     * @param units used units.
     * @return this for chaining.
     */
    public CreditControlRequestEncoder usedServiceUnit(final ServiceUnits units)
    {
        encoder.beginGroup(AvpCode.USED_SERVICE_UNIT, FLAG_MANDATORY, 0);
        units.writeTo(encoder);
        if (units.reportingReason() >= 0)
        {
            encoder.int32(AvpCode.REPORTING_REASON, FLAG_MANDATORY, VendorId.TGPP, units.reportingReason());
        }
        encoder.endGroup();
        return this;
    }

    /**
     * Open a Multiple-Services-Credit-Control AVP.
     *
     * @return this for chaining.
     */
    public CreditControlRequestEncoder beginMscc()
    {
        encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, FLAG_MANDATORY, 0);
        return this;
    }

    /**
     * @param ratingGroup Rating-Group inside the open MSCC.
     * @return this for chaining.
     */
    public CreditControlRequestEncoder ratingGroup(final long ratingGroup)
    {
        encoder.uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, ratingGroup);
        return this;
    }

    /**
     * @param reason MSCC-level 3GPP Reporting-Reason.
     * @return this for chaining.
     */
    public CreditControlRequestEncoder reportingReason(final int reason)
    {
        encoder.int32(AvpCode.REPORTING_REASON, FLAG_MANDATORY, VendorId.TGPP, reason);
        return this;
    }

    /**
     * Close the open MSCC.
     *
     * @return this for chaining.
     */
    public CreditControlRequestEncoder endMscc()
    {
        encoder.endGroup();
        return this;
    }

    /**
     * Back-patch the length.
     *
     * @return the request's length in octets.
     */
    public int finish()
    {
        return encoder.finish();
    }

    /**
     * Set the T bit on the request just written, as a client does when it retransmits after a failover.
     */
    public void markRetransmitted()
    {
        final ByteBuf buffer = encoder.buffer();
        final int flagsIndex = messageStart + DiameterHeaderDescriptor.FLAGS_OFFSET;
        buffer.setByte(flagsIndex, buffer.getByte(flagsIndex) | DiameterHeaderDescriptor.FLAG_RETRANSMITTED);
    }
}
