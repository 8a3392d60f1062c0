package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.AvpVisitor;
import io.gyro.protocol.diameter.DiameterIdentities;
import io.gyro.protocol.diameter.DiameterValidator;
import io.gyro.protocol.diameter.DiameterHeaderFlyweight;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-free view of a Credit-Control-Request (RFC 4006 §3.1 with TS 32.299 §6.4.2), decoded in one walk
 * over its AVPs, the MSCCs and other Grouped AVPs included. String-like AVPs are kept as (offset, length) into the
 * message and copied by the caller where needed, never turned into {@code String} on the hot path.
 * <p>
 * The server decodes in the validator's own walk ({@link #validateAndWrap}): one pass over the message instead of a
 * validating pass and a decoding pass. {@link #wrap(ByteBuf, int)} decodes without validating and tolerates anything
 * (values of AVPs with the wrong length read as 0). Repeated AVPs beyond the capacities below are counted but not
 * kept; the validator refuses more than the server accepts (for example 32 MSCCs). Not thread safe; one per event
 * loop.
 */
public final class CreditControlRequestDecoder implements AvpVisitor
{
    /** Subscription-Ids kept: a PGW sends one to three (E.164, IMSI, sometimes NAI). */
    public static final int MAX_SUBSCRIPTION_IDS = 8;
    /** Multiple-Services-Credit-Control AVPs kept; Gyro accepts 32 per request (issue 4), the rest are counted. */
    public static final int MAX_MSCC = 64;
    /** Route-Record AVPs kept for loop detection (RFC 6733 §6.1.8); a path longer than this is implausible. */
    public static final int MAX_ROUTE_RECORDS = 16;

    /** Depth of the members of the message's Grouped AVPs in a walk ({@link AvpVisitor}). */
    private static final int MEMBER_DEPTH = 1;
    /** Levels below the message: Unit-Value in CC-Money in Used-Service-Unit in MSCC (RFC 4006 §8.8, §8.16). */
    private static final int NESTED_LEVELS = 4;

    // Which Grouped AVP of the message the members being visited belong to.
    private static final int NO_GROUP = 0;
    private static final int GROUP_SUBSCRIPTION_ID = 1;
    private static final int GROUP_SERVICE_INFORMATION = 2;
    private static final int GROUP_MSCC = 3;
    private static final int GROUP_SERVICE_UNITS = 4;

    private final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight();
    private final AvpReader reader = new AvpReader();
    private final AvpReader[] scratch = AvpReader.scratch(NESTED_LEVELS);
    private final CreditControlRequestWalk walk = new CreditControlRequestWalk();
    private final ServiceUnits requested = new ServiceUnits();
    private final ServiceUnits used = new ServiceUnits();
    private final MultipleServicesCreditControlDecoder[] msccs = new MultipleServicesCreditControlDecoder[MAX_MSCC];

    private final int[] subscriptionIdTypes = new int[MAX_SUBSCRIPTION_IDS];
    private final int[] subscriptionIdOffsets = new int[MAX_SUBSCRIPTION_IDS];
    private final int[] subscriptionIdLengths = new int[MAX_SUBSCRIPTION_IDS];
    private final int[] routeRecordOffsets = new int[MAX_ROUTE_RECORDS];
    private final int[] routeRecordLengths = new int[MAX_ROUTE_RECORDS];

    private ByteBuf buffer;
    private boolean specialisedWalk;
    private int openGroup;
    private ServiceUnits openUnits;
    private MultipleServicesCreditControlDecoder openMscc;
    private int subscriptionIdCount;
    private int msccCount;
    private int routeRecordCount;
    private int sessionIdAvpOffset;
    private int sessionIdAvpLength;
    private int sessionIdOffset;
    private int sessionIdLength;
    private int originHostOffset;
    private int originHostLength;
    private int originRealmOffset;
    private int originRealmLength;
    private int destinationHostOffset;
    private int destinationHostLength;
    private int destinationRealmOffset;
    private int destinationRealmLength;
    private int serviceContextIdOffset;
    private int serviceContextIdLength;
    private int userNameOffset;
    private int userNameLength;
    private long authApplicationId;
    private int ccRequestType;
    private long ccRequestNumber;
    private long originStateId;
    private long eventTimestampSeconds;
    private int requestedAction;
    private int multipleServicesIndicator;
    private int terminationCause;
    private long serviceIdentifier;
    private int proxyInfoCount;

    private long chargingId;
    private int calledStationIdOffset;
    private int calledStationIdLength;
    private int sgsnMccMncOffset;
    private int sgsnMccMncLength;
    private int ratTypeOffset;
    private int ratTypeLength;
    private int imsiOffset;
    private int imsiLength;

    /** A decoder with room for {@link #MAX_MSCC} decoded MSCCs, so that decoding never allocates. */
    public CreditControlRequestDecoder()
    {
        for (int i = 0; i < MAX_MSCC; i++)
        {
            msccs[i] = new MultipleServicesCreditControlDecoder();
        }
    }

    /**
     * Decode a CCR in a walk of its own, without validating it.
     *
     * @param buffer holding the message.
     * @param offset of the message header.
     * @return this for chaining.
     */
    public CreditControlRequestDecoder wrap(final ByteBuf buffer, final int offset)
    {
        begin(buffer, offset);
        reader.wrapMessage(buffer, offset).accept(this, scratch);
        return this;
    }

    /**
     * Validate a CCR and decode it in the same walk: what the server does per request, one pass over the AVPs
     * instead of two. The decoded fields are only meaningful when this returns true.
     *
     * @param validator checks the message against the dictionary; on false its Result-Code and Failed-AVP say how to
     *                  answer, exactly as {@link DiameterValidator#validate(ByteBuf, int)} would.
     * @param buffer    holding the message.
     * @param offset    of the message header.
     * @return true when the message is valid and decoded.
     */
    public boolean validateAndWrap(final DiameterValidator validator, final ByteBuf buffer, final int offset)
    {
        begin(buffer, offset);
        specialisedWalk = walk.walk(validator, buffer, offset, header, this);
        if (specialisedWalk)
        {
            return true;
        }
        // Not sure: the validator's own walk decides, and names the error if there is one.
        begin(buffer, offset);
        return validator.validate(buffer, offset, this);
    }

    /**
     * Pick the fields of the CCR from one AVP, parents before members (see {@link AvpVisitor}).
     *
     * @param avp   positioned on the AVP.
     * @param depth 0 for the AVPs of the message.
     * @return true for the Grouped AVPs whose members are decoded.
     */
    @Override
    public boolean visit(final AvpReader avp, final int depth)
    {
        // The message's own AVPs are picked here, not in a method of their own: one call per AVP from the walk.
        if (0 != depth)
        {
            return visitMember(avp, depth);
        }
        openGroup = NO_GROUP;
        final int vendorId = avp.vendorId();
        if (0 != vendorId)
        {
            if (VendorId.TGPP == vendorId && AvpCode.SERVICE_INFORMATION == avp.code())
            {
                openGroup = GROUP_SERVICE_INFORMATION;
            }
            return NO_GROUP != openGroup;
        }
        switch (avp.code())
        {
            case AvpCode.SESSION_ID -> sessionId(avp);
            case AvpCode.ORIGIN_HOST -> originHost(avp);
            case AvpCode.ORIGIN_REALM -> originRealm(avp);
            case AvpCode.DESTINATION_HOST -> destinationHost(avp);
            case AvpCode.DESTINATION_REALM -> destinationRealm(avp);
            case AvpCode.SERVICE_CONTEXT_ID -> serviceContextId(avp);
            case AvpCode.USER_NAME -> userName(avp);
            case AvpCode.AUTH_APPLICATION_ID -> authApplicationId = avp.uint32();
            case AvpCode.CC_REQUEST_TYPE -> ccRequestType = avp.int32();
            case AvpCode.CC_REQUEST_NUMBER -> ccRequestNumber = avp.uint32();
            case AvpCode.ORIGIN_STATE_ID -> originStateId = avp.uint32();
            case AvpCode.EVENT_TIMESTAMP -> eventTimestampSeconds = avp.timeUnixSeconds();
            case AvpCode.REQUESTED_ACTION -> requestedAction = avp.int32();
            case AvpCode.MULTIPLE_SERVICES_INDICATOR -> multipleServicesIndicator = avp.int32();
            case AvpCode.TERMINATION_CAUSE -> terminationCause = avp.int32();
            case AvpCode.SERVICE_IDENTIFIER -> serviceIdentifier = avp.uint32();
            case AvpCode.SUBSCRIPTION_ID -> openSubscriptionId();
            case AvpCode.REQUESTED_SERVICE_UNIT -> openServiceUnits(requested);
            case AvpCode.USED_SERVICE_UNIT -> openServiceUnits(used);
            case AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL ->
            {
                if (msccCount < MAX_MSCC)
                {
                    openMscc = msccs[msccCount].begin(buffer, avp.avpOffset());
                    openGroup = GROUP_MSCC;
                }
                msccCount++;
            }
            case AvpCode.ROUTE_RECORD ->
            {
                if (routeRecordCount < MAX_ROUTE_RECORDS)
                {
                    routeRecordOffsets[routeRecordCount] = avp.dataOffset();
                    routeRecordLengths[routeRecordCount] = avp.dataLength();
                }
                routeRecordCount++;
            }
            case AvpCode.PROXY_INFO -> proxyInfoCount++;
            default ->
            {
            }
        }
        return NO_GROUP != openGroup;
    }

    private boolean visitMember(final AvpReader member, final int depth)
    {
        return switch (openGroup)
        {
            case GROUP_SUBSCRIPTION_ID -> visitSubscriptionIdMember(member);
            case GROUP_SERVICE_INFORMATION -> visitServiceInformationMember(member, depth);
            case GROUP_MSCC -> openMscc.visitMember(member, depth - MEMBER_DEPTH);
            case GROUP_SERVICE_UNITS -> openUnits.visitMember(member, depth - MEMBER_DEPTH);
            default -> false;
        };
    }

    private void begin(final ByteBuf buffer, final int offset)
    {
        this.buffer = buffer;
        header.wrap(buffer, offset);
        reset();
    }

    private void reset()
    {
        openGroup = NO_GROUP;
        subscriptionIdCount = 0;
        msccCount = 0;
        routeRecordCount = 0;
        sessionIdAvpOffset = -1;
        sessionIdAvpLength = 0;
        sessionIdOffset = 0;
        sessionIdLength = 0;
        originHostOffset = 0;
        originHostLength = 0;
        originRealmOffset = 0;
        originRealmLength = 0;
        destinationHostOffset = 0;
        destinationHostLength = -1;
        destinationRealmOffset = 0;
        destinationRealmLength = 0;
        serviceContextIdOffset = 0;
        serviceContextIdLength = 0;
        userNameOffset = 0;
        userNameLength = -1;
        authApplicationId = -1;
        ccRequestType = -1;
        ccRequestNumber = -1;
        originStateId = -1;
        eventTimestampSeconds = -1;
        requestedAction = -1;
        multipleServicesIndicator = -1;
        terminationCause = -1;
        serviceIdentifier = -1;
        proxyInfoCount = 0;
        chargingId = -1;
        calledStationIdOffset = 0;
        calledStationIdLength = -1;
        sgsnMccMncOffset = 0;
        sgsnMccMncLength = -1;
        ratTypeOffset = 0;
        ratTypeLength = -1;
        imsiOffset = 0;
        imsiLength = -1;
        requested.clear();
        used.clear();
    }

    // The message's own AVPs of variable length, picked by visit and by CreditControlRequestWalk alike.

    void sessionId(final AvpReader avp)
    {
        sessionIdAvpOffset = avp.avpOffset();
        sessionIdAvpLength = avp.length();
        sessionIdOffset = avp.dataOffset();
        sessionIdLength = avp.dataLength();
    }

    void originHost(final AvpReader avp)
    {
        originHostOffset = avp.dataOffset();
        originHostLength = avp.dataLength();
    }

    void originRealm(final AvpReader avp)
    {
        originRealmOffset = avp.dataOffset();
        originRealmLength = avp.dataLength();
    }

    void destinationHost(final AvpReader avp)
    {
        destinationHostOffset = avp.dataOffset();
        destinationHostLength = avp.dataLength();
    }

    void destinationRealm(final AvpReader avp)
    {
        destinationRealmOffset = avp.dataOffset();
        destinationRealmLength = avp.dataLength();
    }

    void serviceContextId(final AvpReader avp)
    {
        serviceContextIdOffset = avp.dataOffset();
        serviceContextIdLength = avp.dataLength();
    }

    void userName(final AvpReader avp)
    {
        userNameOffset = avp.dataOffset();
        userNameLength = avp.dataLength();
    }

    // The message's own AVPs of fixed length, set by CreditControlRequestWalk from values it read.

    void authApplicationId(final long value)
    {
        authApplicationId = value;
    }

    void ccRequestType(final int value)
    {
        ccRequestType = value;
    }

    void ccRequestNumber(final long value)
    {
        ccRequestNumber = value;
    }

    void originStateId(final long value)
    {
        originStateId = value;
    }

    void eventTimestampSeconds(final long value)
    {
        eventTimestampSeconds = value;
    }

    void requestedAction(final int value)
    {
        requestedAction = value;
    }

    void multipleServicesIndicator(final int value)
    {
        multipleServicesIndicator = value;
    }

    void terminationCause(final int value)
    {
        terminationCause = value;
    }

    void serviceIdentifier(final long value)
    {
        serviceIdentifier = value;
    }

    /** @return whether the last {@link #validateAndWrap} was decided by {@link CreditControlRequestWalk}. */
    boolean decodedBySpecialisedWalk()
    {
        return specialisedWalk;
    }

    /** @return the MSCC whose members are being decoded. */
    MultipleServicesCreditControlDecoder openMscc()
    {
        return openMscc;
    }

    /** @return the command-level Requested- or Used-Service-Unit whose members are being decoded. */
    ServiceUnits openUnits()
    {
        return openUnits;
    }

    private void openServiceUnits(final ServiceUnits units)
    {
        openUnits = units.beginOccurrence();
        openGroup = GROUP_SERVICE_UNITS;
    }

    /** Keep the first {@link #MAX_SUBSCRIPTION_IDS}; the members of the rest are not looked at. */
    private void openSubscriptionId()
    {
        if (subscriptionIdCount < MAX_SUBSCRIPTION_IDS)
        {
            subscriptionIdTypes[subscriptionIdCount] = -1;
            subscriptionIdOffsets[subscriptionIdCount] = 0;
            subscriptionIdLengths[subscriptionIdCount] = 0;
            subscriptionIdCount++;
            openGroup = GROUP_SUBSCRIPTION_ID;
        }
    }

    /**
     * RFC 4006 §8.46: Subscription-Id-Type and Subscription-Id-Data of the Subscription-Id last opened. Another
     * vendor's AVP with the same code is not them (RFC 6733 §4.1: the AVP Code "combined with the Vendor-Id field,
     * identifies the attribute uniquely"); unknown and without the M bit, the validator lets it through, ignored.
     */
    boolean visitSubscriptionIdMember(final AvpReader member)
    {
        final int index = subscriptionIdCount - 1;
        if (0 != member.vendorId())
        {
            return false;
        }
        if (AvpCode.SUBSCRIPTION_ID_TYPE == member.code())
        {
            subscriptionIdTypes[index] = member.int32();
        }
        else if (AvpCode.SUBSCRIPTION_ID_DATA == member.code())
        {
            subscriptionIdOffsets[index] = member.dataOffset();
            subscriptionIdLengths[index] = member.dataLength();
        }
        return false;
    }

    /**
     * TS 32.299 §7.2.192 Service-Information and §7.2.158 PS-Information: the fields a CDR needs to reconcile
     * with the PGW's own records (3GPP-Charging-Id, APN as Called-Station-Id, SGSN-MCC-MNC, RAT type).
     */
    private boolean visitServiceInformationMember(final AvpReader member, final int depth)
    {
        if (MEMBER_DEPTH == depth)
        {
            return VendorId.TGPP == member.vendorId() && AvpCode.PS_INFORMATION == member.code();
        }
        readPsInformationMember(member);
        return false;
    }

    void readPsInformationMember(final AvpReader member)
    {
        if (0 == member.vendorId())
        {
            if (AvpCode.CALLED_STATION_ID == member.code())
            {
                calledStationIdOffset = member.dataOffset();
                calledStationIdLength = member.dataLength();
            }
            return;
        }
        if (VendorId.TGPP != member.vendorId())
        {
            return;
        }
        switch (member.code())
        {
            // Unsigned32 in freeDiameter, OctetString in Wireshark: four octets big-endian either way (§4 item 6).
            case AvpCode.TGPP_CHARGING_ID -> chargingId = member.dataLength() == 4 ? member.uint32() : -1;
            case AvpCode.TGPP_SGSN_MCC_MNC ->
            {
                sgsnMccMncOffset = member.dataOffset();
                sgsnMccMncLength = member.dataLength();
            }
            case AvpCode.TGPP_RAT_TYPE ->
            {
                ratTypeOffset = member.dataOffset();
                ratTypeLength = member.dataLength();
            }
            case AvpCode.TGPP_IMSI ->
            {
                imsiOffset = member.dataOffset();
                imsiLength = member.dataLength();
            }
            default ->
            {
            }
        }
    }

    /** @return the header of the decoded message. */
    public DiameterHeaderFlyweight header()
    {
        return header;
    }

    /** @return the buffer holding the message; offsets below index into it. */
    public ByteBuf buffer()
    {
        return buffer;
    }

    /**
     * Capture what the answer must echo, reusing this decoder's walk (RFC 6733 §6.2).
     *
     * @param echo   to fill.
     * @param reader scratch reader, re-wrapped on this request (not one whose walk is still in use).
     * @return {@code echo}.
     */
    public RequestEcho captureEcho(final RequestEcho echo, final AvpReader reader)
    {
        return echo.capture(buffer, header.offset(), sessionIdAvpOffset, sessionIdAvpLength, proxyInfoCount, reader);
    }

    /** @return offset of the Session-Id value. */
    public int sessionIdOffset()
    {
        return sessionIdOffset;
    }

    /** @return length of the Session-Id value, 0 when absent. */
    public int sessionIdLength()
    {
        return sessionIdLength;
    }

    /**
     * Copy the Session-Id value.
     *
     * @param destination array to copy into.
     * @return octets copied (at most the destination's length).
     */
    public int copySessionId(final byte[] destination)
    {
        final int length = Math.min(sessionIdLength, destination.length);
        buffer.getBytes(sessionIdOffset, destination, 0, length);
        return length;
    }

    /** @return offset of the Origin-Host value. */
    public int originHostOffset()
    {
        return originHostOffset;
    }

    /** @return length of the Origin-Host value. */
    public int originHostLength()
    {
        return originHostLength;
    }

    /** @return offset of the Origin-Realm value. */
    public int originRealmOffset()
    {
        return originRealmOffset;
    }

    /** @return length of the Origin-Realm value. */
    public int originRealmLength()
    {
        return originRealmLength;
    }

    /** @return true when a Destination-Host was present. */
    public boolean hasDestinationHost()
    {
        return destinationHostLength >= 0;
    }

    /** @return offset of the Destination-Host value. */
    public int destinationHostOffset()
    {
        return destinationHostOffset;
    }

    /** @return length of the Destination-Host value, -1 when absent. */
    public int destinationHostLength()
    {
        return destinationHostLength;
    }

    /** @return offset of the Destination-Realm value. */
    public int destinationRealmOffset()
    {
        return destinationRealmOffset;
    }

    /** @return length of the Destination-Realm value. */
    public int destinationRealmLength()
    {
        return destinationRealmLength;
    }

    /** @return offset of the Service-Context-Id value. */
    public int serviceContextIdOffset()
    {
        return serviceContextIdOffset;
    }

    /** @return length of the Service-Context-Id value. */
    public int serviceContextIdLength()
    {
        return serviceContextIdLength;
    }

    /**
     * Whether the Service-Context-Id ends with the given suffix, such as {@code 32251@3gpp.org} for PS
     * charging; real CTFs prepend MNC.MCC.release parts (PROTOCOLS.md §2.6).
     *
     * @param suffix ASCII octets to match at the end.
     * @return true on a match.
     */
    public boolean serviceContextIdEndsWith(final byte[] suffix)
    {
        if (suffix.length > serviceContextIdLength)
        {
            return false;
        }
        final int start = serviceContextIdOffset + serviceContextIdLength - suffix.length;
        for (int i = 0; i < suffix.length; i++)
        {
            if (buffer.getByte(start + i) != suffix[i])
            {
                return false;
            }
        }
        return true;
    }

    /** @return true when a User-Name was present. */
    public boolean hasUserName()
    {
        return userNameLength >= 0;
    }

    /** @return offset of the User-Name value. */
    public int userNameOffset()
    {
        return userNameOffset;
    }

    /** @return length of the User-Name value, -1 when absent. */
    public int userNameLength()
    {
        return userNameLength;
    }

    /** @return Auth-Application-Id, -1 when absent. */
    public long authApplicationId()
    {
        return authApplicationId;
    }

    /** @return CC-Request-Type (1 INITIAL ... 4 EVENT), -1 when absent. */
    public int ccRequestType()
    {
        return ccRequestType;
    }

    /** @return CC-Request-Number, -1 when absent. */
    public long ccRequestNumber()
    {
        return ccRequestNumber;
    }

    /** @return Origin-State-Id, -1 when absent. */
    public long originStateId()
    {
        return originStateId;
    }

    /** @return Event-Timestamp as Unix seconds, -1 when absent. */
    public long eventTimestampSeconds()
    {
        return eventTimestampSeconds;
    }

    /** @return Requested-Action, -1 when absent. */
    public int requestedAction()
    {
        return requestedAction;
    }

    /** @return Multiple-Services-Indicator, -1 when absent. */
    public int multipleServicesIndicator()
    {
        return multipleServicesIndicator;
    }

    /** @return Termination-Cause, -1 when absent. */
    public int terminationCause()
    {
        return terminationCause;
    }

    /** @return command-level Service-Identifier, -1 when absent. */
    public long serviceIdentifier()
    {
        return serviceIdentifier;
    }

    /** @return command-level Requested-Service-Unit. */
    public ServiceUnits requestedServiceUnit()
    {
        return requested;
    }

    /** @return sum of the command-level Used-Service-Units. */
    public ServiceUnits usedServiceUnit()
    {
        return used;
    }

    /** @return number of Subscription-Id AVPs kept. */
    public int subscriptionIdCount()
    {
        return Math.min(subscriptionIdCount, MAX_SUBSCRIPTION_IDS);
    }

    /**
     * @param index below {@link #subscriptionIdCount()}.
     * @return Subscription-Id-Type of that Subscription-Id, -1 when it had none.
     */
    public int subscriptionIdType(final int index)
    {
        return subscriptionIdTypes[index];
    }

    /**
     * @param index below {@link #subscriptionIdCount()}.
     * @return offset of its Subscription-Id-Data value.
     */
    public int subscriptionIdDataOffset(final int index)
    {
        return subscriptionIdOffsets[index];
    }

    /**
     * @param index below {@link #subscriptionIdCount()}.
     * @return length of its Subscription-Id-Data value.
     */
    public int subscriptionIdDataLength(final int index)
    {
        return subscriptionIdLengths[index];
    }

    /** @return number of Multiple-Services-Credit-Control AVPs in the message (all of them, kept or not). */
    public int msccCount()
    {
        return msccCount;
    }

    /**
     * One MSCC, decoded in the same walk as the rest of the message; valid until the next decode.
     *
     * @param index below min({@link #msccCount()}, {@link #MAX_MSCC}).
     * @return its view.
     */
    public MultipleServicesCreditControlDecoder mscc(final int index)
    {
        return msccs[index];
    }

    /** @return number of Route-Record AVPs. */
    public int routeRecordCount()
    {
        return routeRecordCount;
    }

    /**
     * Loop detection (RFC 6733 §6.1.3): is our own identity already on the path?
     *
     * @param identity our DiameterIdentity as ASCII octets.
     * @return true when a kept Route-Record names it, whatever the case of its letters (RFC 6733 §4.3.1).
     */
    public boolean routeRecordContains(final byte[] identity)
    {
        final int kept = Math.min(routeRecordCount, MAX_ROUTE_RECORDS);
        for (int i = 0; i < kept; i++)
        {
            if (DiameterIdentities.equalsIgnoreCase(buffer, routeRecordOffsets[i], routeRecordLengths[i], identity))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param offset of a value in the message.
     * @param length of that value.
     * @param bytes  to compare with.
     * @return true when the value equals {@code bytes}.
     */
    public boolean equalsAt(final int offset, final int length, final byte[] bytes)
    {
        if (length != bytes.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != bytes[i])
            {
                return false;
            }
        }
        return true;
    }

    /** @return number of Proxy-Info AVPs. */
    public int proxyInfoCount()
    {
        return proxyInfoCount;
    }

    /** @return 3GPP-Charging-Id from PS-Information, -1 when absent. */
    public long chargingId()
    {
        return chargingId;
    }

    /** @return offset of Called-Station-Id (the APN) in PS-Information. */
    public int calledStationIdOffset()
    {
        return calledStationIdOffset;
    }

    /** @return length of Called-Station-Id, -1 when absent. */
    public int calledStationIdLength()
    {
        return calledStationIdLength;
    }

    /** @return offset of 3GPP-SGSN-MCC-MNC. */
    public int sgsnMccMncOffset()
    {
        return sgsnMccMncOffset;
    }

    /** @return length of 3GPP-SGSN-MCC-MNC, -1 when absent. */
    public int sgsnMccMncLength()
    {
        return sgsnMccMncLength;
    }

    /** @return offset of 3GPP-RAT-Type. */
    public int ratTypeOffset()
    {
        return ratTypeOffset;
    }

    /** @return length of 3GPP-RAT-Type, -1 when absent. */
    public int ratTypeLength()
    {
        return ratTypeLength;
    }

    /** @return offset of 3GPP-IMSI in PS-Information. */
    public int imsiOffset()
    {
        return imsiOffset;
    }

    /** @return length of 3GPP-IMSI, -1 when absent. */
    public int imsiLength()
    {
        return imsiLength;
    }

    /**
     * Text of a value, for logs and tests only (allocates).
     *
     * @param offset of the value.
     * @param length of the value.
     * @return the value decoded as UTF-8, or null when the length is negative (absent).
     */
    public String text(final int offset, final int length)
    {
        return length < 0 ? null : buffer.toString(offset, length, StandardCharsets.UTF_8);
    }
}
