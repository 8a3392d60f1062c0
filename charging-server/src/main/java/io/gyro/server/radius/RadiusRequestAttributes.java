package io.gyro.server.radius;

import io.gyro.config.model.RadiusIdentity;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerLimits;
import io.gyro.protocol.radius.RadiusAttributeIterator;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusVendorAttributeIterator;
import io.gyro.protocol.radius.RadiusVendorFormat;
import io.gyro.protocol.radius.RadiusVendorId;
import io.gyro.server.session.SessionContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.util.List;

/**
 * Where the attributes the server uses sit in one received request, found in a single walk (positions are absolute
 * indices into the request buffer, which the pending entry keeps until its response leaves). Values are copied
 * only when a ledger command needs them. Not thread safe: one per pending entry, used on the lane's event loop.
 */
final class RadiusRequestAttributes
{
    /** 3GPP-IMSI, vendor 10415 type 1 (3GPP TS 29.061 §16.4.7; bundled dictionary.3gpp). */
    static final int TGPP_IMSI = 1;
    private static final int ABSENT = -1;
    /** Largest Gigawords value whose 64-bit count still fits a signed long: 2^31 - 1. */
    static final long MAX_GIGAWORDS = Integer.MAX_VALUE;

    int userNameOffset;
    int userNameLength;
    int acctSessionIdOffset;
    int acctSessionIdLength;
    int nasIdentifierOffset;
    int nasIdentifierLength;
    int nasIpv6Offset;
    long nasIpAddress;
    int callingStationIdOffset;
    int callingStationIdLength;
    long framedIpAddress;
    int imsiOffset;
    int imsiLength;
    int gyroClassOffset;
    long acctStatusType;
    long acctSessionTime;
    /** Event-Timestamp, seconds since the epoch (RFC 2869 §5.3), or -1. */
    long eventTimestamp;
    /** Acct-Delay-Time, seconds the NAS has been trying to send the record (RFC 2866 §5.2), or -1. */
    long acctDelayTime;
    long inputOctets;
    long inputGigawords;
    long outputOctets;
    long outputGigawords;
    boolean hasUserPassword;
    boolean hasChapPassword;
    boolean hasEapMessage;
    /** Octets of every Proxy-State attribute, headers included: what the response must echo. */
    int proxyStateOctets;

    /**
     * Walk the attributes of a validated request.
     *
     * @param packet          the request buffer.
     * @param attributesStart absolute index of the first attribute.
     * @param attributesEnd   absolute index past the last one (the packet's Length).
     * @param iterator        reusable walker.
     * @param vendorIterator  reusable Vendor-Specific walker.
     */
    void parse(
        final ByteBuf packet,
        final int attributesStart,
        final int attributesEnd,
        final RadiusAttributeIterator iterator,
        final RadiusVendorAttributeIterator vendorIterator)
    {
        clear();
        iterator.reset(packet, attributesStart, attributesEnd);
        while (iterator.next())
        {
            switch (iterator.type())
            {
                case RadiusAttributeType.USER_NAME ->
                {
                    if (ABSENT == userNameOffset)
                    {
                        userNameOffset = iterator.valueOffset();
                        userNameLength = iterator.valueLength();
                    }
                }
                case RadiusAttributeType.USER_PASSWORD -> hasUserPassword = true;
                case RadiusAttributeType.CHAP_PASSWORD -> hasChapPassword = true;
                case RadiusAttributeType.EAP_MESSAGE -> hasEapMessage = true;
                case RadiusAttributeType.PROXY_STATE -> proxyStateOctets += iterator.length();
                case RadiusAttributeType.NAS_IP_ADDRESS -> nasIpAddress = intOr(iterator, nasIpAddress);
                case RadiusAttributeType.NAS_IDENTIFIER ->
                {
                    if (ABSENT == nasIdentifierOffset && iterator.valueLength() > 0)
                    {
                        nasIdentifierOffset = iterator.valueOffset();
                        nasIdentifierLength = iterator.valueLength();
                    }
                }
                case RadiusAttributeType.NAS_IPV6_ADDRESS ->
                {
                    if (ABSENT == nasIpv6Offset && 16 == iterator.valueLength())
                    {
                        nasIpv6Offset = iterator.valueOffset();
                    }
                }
                case RadiusAttributeType.CALLING_STATION_ID ->
                {
                    if (ABSENT == callingStationIdOffset)
                    {
                        callingStationIdOffset = iterator.valueOffset();
                        callingStationIdLength = iterator.valueLength();
                    }
                }
                case RadiusAttributeType.FRAMED_IP_ADDRESS -> framedIpAddress = intOr(iterator, framedIpAddress);
                case RadiusAttributeType.CLASS ->
                {
                    if (ABSENT == gyroClassOffset &&
                        ClassGenerator.isGyroClass(packet, iterator.valueOffset(), iterator.valueLength()))
                    {
                        gyroClassOffset = iterator.valueOffset();
                    }
                }
                case RadiusAttributeType.ACCT_STATUS_TYPE -> acctStatusType = intOr(iterator, acctStatusType);
                case RadiusAttributeType.ACCT_SESSION_ID ->
                {
                    if (ABSENT == acctSessionIdOffset && iterator.valueLength() > 0)
                    {
                        acctSessionIdOffset = iterator.valueOffset();
                        acctSessionIdLength = iterator.valueLength();
                    }
                }
                case RadiusAttributeType.ACCT_SESSION_TIME -> acctSessionTime = intOr(iterator, acctSessionTime);
                case RadiusAttributeType.EVENT_TIMESTAMP -> eventTimestamp = intOr(iterator, eventTimestamp);
                case RadiusAttributeType.ACCT_DELAY_TIME -> acctDelayTime = intOr(iterator, acctDelayTime);
                case RadiusAttributeType.ACCT_INPUT_OCTETS -> inputOctets = intOr(iterator, inputOctets);
                case RadiusAttributeType.ACCT_OUTPUT_OCTETS -> outputOctets = intOr(iterator, outputOctets);
                case RadiusAttributeType.ACCT_INPUT_GIGAWORDS -> inputGigawords = gigawordsOr(iterator, inputGigawords);
                case RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS ->
                    outputGigawords = gigawordsOr(iterator, outputGigawords);
                case RadiusAttributeType.VENDOR_SPECIFIC -> vendorSpecific(iterator, vendorIterator);
                default ->
                {
                }
            }
        }
    }

    private void vendorSpecific(final RadiusAttributeIterator iterator, final RadiusVendorAttributeIterator vendorIterator)
    {
        if (RadiusVendorId.THREE_GPP != iterator.vendorId() || ABSENT != imsiOffset)
        {
            return;
        }
        vendorIterator.reset(iterator, RadiusVendorFormat.STANDARD);
        while (vendorIterator.next())
        {
            if (TGPP_IMSI == vendorIterator.vendorType())
            {
                imsiOffset = vendorIterator.valueOffset();
                imsiLength = vendorIterator.valueLength();
                return;
            }
        }
    }

    private static long intOr(final RadiusAttributeIterator iterator, final long current)
    {
        // The first well-formed instance wins (RFC 2865 §5: these attributes appear at most once).
        return current < 0 && iterator.hasIntValue() ? iterator.unsignedIntValue() : current;
    }

    /**
     * RFC 2869 §5.1, §5.2: the times the 32-bit Octets counter wrapped. The first well-formed instance wins, like
     * every counter here. A value from 2^31 up would put the 64-bit count (Gigawords x 2^32 + Octets) past a
     * signed long (8 EiB, more than any session carries) and is not well-formed for that reason: it is ignored
     * rather than charged as a negative or saturated count; the ledger charges only growth of the highest count
     * seen, so a later sane report is still charged in full.
     */
    private static long gigawordsOr(final RadiusAttributeIterator iterator, final long current)
    {
        if (current >= 0 || !iterator.hasIntValue())
        {
            return current;
        }
        final long value = iterator.unsignedIntValue();
        return value > MAX_GIGAWORDS ? current : value;
    }

    private void clear()
    {
        userNameOffset = ABSENT;
        acctSessionIdOffset = ABSENT;
        nasIdentifierOffset = ABSENT;
        nasIpv6Offset = ABSENT;
        nasIpAddress = ABSENT;
        callingStationIdOffset = ABSENT;
        framedIpAddress = ABSENT;
        imsiOffset = ABSENT;
        gyroClassOffset = ABSENT;
        acctStatusType = ABSENT;
        acctSessionTime = ABSENT;
        eventTimestamp = ABSENT;
        acctDelayTime = ABSENT;
        inputOctets = ABSENT;
        inputGigawords = ABSENT;
        outputOctets = ABSENT;
        outputGigawords = ABSENT;
        hasUserPassword = false;
        hasChapPassword = false;
        hasEapMessage = false;
        proxyStateOctets = 0;
    }

    boolean hasAcctSessionId()
    {
        return ABSENT != acctSessionIdOffset;
    }

    boolean hasGyroClass()
    {
        return ABSENT != gyroClassOffset;
    }

    /**
     * Octets in both directions so far, each joined with its Gigawords (RFC 2869 §5.1, §5.2); Gigawords without
     * their Octets count with Octets 0.
     *
     * @return the session's octets, or -1 when the request reports no counter.
     */
    long totalOctets()
    {
        final long input = inputOctets64();
        final long output = outputOctets64();
        if (input < 0 && output < 0)
        {
            return ABSENT;
        }
        // Each is below 2^63, so the sum is capped rather than let to wrap.
        final long total = Math.max(0, input) + Math.max(0, output);
        return total < 0 ? Long.MAX_VALUE : total;
    }

    long inputOctets64()
    {
        return octets(inputOctets, inputGigawords);
    }

    long outputOctets64()
    {
        return octets(outputOctets, outputGigawords);
    }

    private static long octets(final long octets, final long gigawords)
    {
        if (octets < 0 && gigawords < 0)
        {
            return ABSENT;
        }
        // gigawords <= MAX_GIGAWORDS and octets < 2^32: at most 2^63 - 1.
        return (Math.max(0, gigawords) << 32) + Math.max(0, octets);
    }

    /**
     * The NAS's declared identity (kind octet and value, see {@link RadiusSessionKeys}): NAS-Identifier, else
     * NAS-IP-Address, else NAS-IPv6-Address, else the source address.
     *
     * @param packet       the request buffer.
     * @param source       the datagram's source address octets.
     * @param sourceLength 4 or 16.
     * @param destination  at least {@link RadiusSessionKeys#MAX_NAS_IDENTITY_LENGTH} octets from {@code offset}.
     * @param offset       where the identity goes.
     * @return the identity's length.
     */
    int nasIdentity(
        final ByteBuf packet, final byte[] source, final int sourceLength, final byte[] destination, final int offset)
    {
        if (ABSENT != nasIdentifierOffset)
        {
            destination[offset] = RadiusSessionKeys.NAS_IDENTIFIER;
            packet.getBytes(nasIdentifierOffset, destination, offset + 1, nasIdentifierLength);
            return 1 + nasIdentifierLength;
        }
        if (nasIpAddress >= 0)
        {
            destination[offset] = RadiusSessionKeys.NAS_IP_ADDRESS;
            putInt(destination, offset + 1, nasIpAddress);
            return 5;
        }
        if (ABSENT != nasIpv6Offset)
        {
            destination[offset] = RadiusSessionKeys.NAS_IPV6_ADDRESS;
            packet.getBytes(nasIpv6Offset, destination, offset + 1, 16);
            return 17;
        }
        destination[offset] = RadiusSessionKeys.SOURCE_ADDRESS;
        System.arraycopy(source, 0, destination, offset + 1, sourceLength);
        return 1 + sourceLength;
    }

    /**
     * Put the subscriber's identities into a command, in the configured order; the ledger takes the first that
     * names an account. User-Name of digits (an optional leading '+') may be an MSISDN or an IMSI and is offered
     * as both, otherwise it is an NAI; Calling-Station-Id counts only when it is an MSISDN; 3GPP-IMSI is an IMSI.
     *
     * @param command the slot, or null to only count.
     * @param packet  the request buffer.
     * @param order   the configured order.
     * @return identities written (or that would be).
     */
    int identities(final LedgerCommand command, final ByteBuf packet, final List<RadiusIdentity> order)
    {
        int count = 0;
        for (int i = 0; i < order.size(); i++)
        {
            switch (order.get(i))
            {
                case USER_NAME ->
                {
                    if (ABSENT != userNameOffset)
                    {
                        if (isDigits(packet, userNameOffset, userNameLength))
                        {
                            count = addDigits(command, count, IdentityType.E164, packet, userNameOffset, userNameLength);
                            count = addDigits(command, count, IdentityType.IMSI, packet, userNameOffset, userNameLength);
                        }
                        else
                        {
                            count = add(command, count, IdentityType.NAI, packet, userNameOffset, userNameLength);
                        }
                    }
                }
                case CALLING_STATION_ID ->
                {
                    if (ABSENT != callingStationIdOffset &&
                        isDigits(packet, callingStationIdOffset, callingStationIdLength))
                    {
                        count = addDigits(command, count, IdentityType.E164, packet, callingStationIdOffset,
                            callingStationIdLength);
                    }
                }
                case IMSI_3GPP ->
                {
                    if (ABSENT != imsiOffset && isDigits(packet, imsiOffset, imsiLength))
                    {
                        count = addDigits(command, count, IdentityType.IMSI, packet, imsiOffset, imsiLength);
                    }
                }
            }
        }
        if (null != command)
        {
            command.identityCount = count;
        }
        return count;
    }

    /**
     * The MSISDN of the session, from the attributes the identity lookup offers the ledger as an E.164
     * ({@link #identities}; only those in the configured order): Calling-Station-Id of digits, else User-Name of
     * digits unless it is the request's 3GPP-IMSI. A leading '+' is part of the attribute, not of the MSISDN.
     * <p>
     * Calling-Station-Id comes first whatever the order: on a mobile gateway it carries the MSISDN (3GPP TS 29.061
     * §16.4, the RADIUS attribute tables), while a User-Name of digits is offered as an E.164 and as an IMSI because it may be either, and the
     * ledger does not report which identity found the account. A User-Name equal to the 3GPP-IMSI (which a GGSN/PGW
     * sends) is the IMSI and never the MSISDN. Like Diameter's Subscription-Id E.164 it is the number the request
     * names the subscriber by, not checked against the account's identities.
     *
     * @return the offset of the attribute value (Calling-Station-Id or User-Name), or {@link #ABSENT}.
     */
    private int msisdnOffset(final ByteBuf packet, final List<RadiusIdentity> order)
    {
        if (ABSENT != callingStationIdOffset && order.contains(RadiusIdentity.CALLING_STATION_ID) &&
            isDigits(packet, callingStationIdOffset, callingStationIdLength))
        {
            return callingStationIdOffset;
        }
        if (ABSENT != userNameOffset && order.contains(RadiusIdentity.USER_NAME) &&
            isDigits(packet, userNameOffset, userNameLength) && !isImsiAttribute(packet, userNameOffset, userNameLength))
        {
            return userNameOffset;
        }
        return ABSENT;
    }

    /** @return true when the value (a leading '+' dropped) equals the request's 3GPP-IMSI. */
    private boolean isImsiAttribute(final ByteBuf packet, final int offset, final int length)
    {
        if (ABSENT == imsiOffset)
        {
            return false;
        }
        final int skip = '+' == packet.getByte(offset) ? 1 : 0;
        return length - skip == imsiLength && ByteBufUtil.equals(packet, offset + skip, packet, imsiOffset, imsiLength);
    }

    private static int addDigits(
        final LedgerCommand command, final int count, final int type, final ByteBuf packet, final int offset,
        final int length)
    {
        final int skip = '+' == packet.getByte(offset) ? 1 : 0;
        return add(command, count, type, packet, offset + skip, length - skip);
    }

    private static int add(
        final LedgerCommand command, final int count, final int type, final ByteBuf packet, final int offset,
        final int length)
    {
        if (count >= LedgerLimits.MAX_IDENTITIES || length <= 0 || length > LedgerLimits.MAX_IDENTITY_LENGTH)
        {
            return count;
        }
        if (null != command)
        {
            command.identityType[count] = type;
            packet.getBytes(offset, command.identity[count], 0, length);
            command.identityLength[count] = length;
        }
        return count + 1;
    }

    private static boolean isDigits(final ByteBuf packet, final int offset, final int length)
    {
        final int skip = length > 0 && '+' == packet.getByte(offset) ? 1 : 0;
        if (length - skip <= 0)
        {
            return false;
        }
        for (int i = offset + skip; i < offset + length; i++)
        {
            final byte b = packet.getByte(i);
            if (b < '0' || b > '9')
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Write the session context (SessionContext entries) Disconnect/CoA and CDRs need after a restart.
     *
     * @param context     destination (a ring slot's context array).
     * @param packet      the request buffer.
     * @param source       the NAS's source address octets: where Disconnect/CoA go.
     * @param sourceLength 4 or 16.
     * @param client       the NAS.
     * @param order        the configured identity order: picks the MSISDN entry ({@link #msisdnOffset}).
     * @param withRecord  also write the accounting record (status, counters): for an unrated record.
     * @return the context length.
     */
    int writeContext(
        final byte[] context, final ByteBuf packet, final byte[] source, final int sourceLength,
        final NasClient client, final List<RadiusIdentity> order, final boolean withRecord)
    {
        int position = SessionContext.begin(context);
        position = SessionContext.put(context, position, SessionContext.NAS_ADDRESS, source, 0, sourceLength);
        if (nasIpAddress >= 0)
        {
            position = SessionContext.putInt(context, position, SessionContext.NAS_IP_ADDRESS, nasIpAddress);
        }
        if (ABSENT != nasIdentifierOffset)
        {
            position = SessionContext.put(context, position, SessionContext.NAS_IDENTIFIER, packet,
                nasIdentifierOffset, nasIdentifierLength);
        }
        position = SessionContext.put(context, position, SessionContext.NAS_NAME, client.nameBytes(), 0,
            client.nameBytes().length);
        if (ABSENT != acctSessionIdOffset)
        {
            position = SessionContext.put(context, position, SessionContext.ACCT_SESSION_ID, packet,
                acctSessionIdOffset, acctSessionIdLength);
        }
        if (ABSENT != userNameOffset)
        {
            position = SessionContext.put(context, position, SessionContext.USER_NAME, packet, userNameOffset,
                userNameLength);
        }
        if (ABSENT != callingStationIdOffset)
        {
            position = SessionContext.put(context, position, SessionContext.CALLING_STATION_ID, packet,
                callingStationIdOffset, callingStationIdLength);
        }
        if (ABSENT != imsiOffset)
        {
            position = SessionContext.put(context, position, SessionContext.IMSI, packet, imsiOffset, imsiLength);
        }
        final int msisdnOffset = msisdnOffset(packet, order);
        if (ABSENT != msisdnOffset)
        {
            // The CDR's msisdn column and the admin session view read this entry, as for Diameter's Subscription-Id.
            final int length = callingStationIdOffset == msisdnOffset ? callingStationIdLength : userNameLength;
            final int skip = '+' == packet.getByte(msisdnOffset) ? 1 : 0;
            position = SessionContext.put(context, position, SessionContext.MSISDN, packet, msisdnOffset + skip,
                length - skip);
        }
        if (framedIpAddress >= 0)
        {
            position = SessionContext.putInt(context, position, SessionContext.FRAMED_IP_ADDRESS, framedIpAddress);
        }
        if (withRecord)
        {
            if (acctStatusType >= 0)
            {
                position = SessionContext.putInt(context, position, SessionContext.ACCT_STATUS_TYPE, acctStatusType);
            }
            if (inputOctets64() >= 0)
            {
                position = SessionContext.putLong(context, position, SessionContext.ACCT_INPUT_OCTETS, inputOctets64());
            }
            if (outputOctets64() >= 0)
            {
                position = SessionContext.putLong(context, position, SessionContext.ACCT_OUTPUT_OCTETS,
                    outputOctets64());
            }
            if (acctSessionTime >= 0)
            {
                position = SessionContext.putInt(context, position, SessionContext.ACCT_SESSION_TIME, acctSessionTime);
            }
        }
        return position;
    }

    private static void putInt(final byte[] destination, final int offset, final long value)
    {
        destination[offset] = (byte)(value >>> 24);
        destination[offset + 1] = (byte)(value >>> 16);
        destination[offset + 2] = (byte)(value >>> 8);
        destination[offset + 3] = (byte)value;
    }
}
