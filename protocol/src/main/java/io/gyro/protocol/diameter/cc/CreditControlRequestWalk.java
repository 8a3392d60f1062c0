package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.AvpReadError;
import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.AvpDescriptor;
import io.gyro.protocol.diameter.DiameterHeaderFlyweight;
import io.gyro.protocol.diameter.DiameterValidator;
import io.gyro.protocol.diameter.DiameterValidator.RuleSet;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.buffer.ByteBuf;

/**
 * The server's walk of a Credit-Control-Request: the validator's checks for the AVPs a gateway sends in every CCR
 * (RFC 4006 §3.1, the MSCC of §8.16, the units of §8.18-8.19), made in a switch per level, with the same calls to
 * the decoder ({@link CreditControlRequestDecoder#visit}) in the same order as {@link DiameterValidator#validate}'s
 * walk makes. Every other AVP is checked by {@link DiameterValidator#acceptOther}, so the rules stay the
 * validator's and any CCR the validator accepts is accepted here too; an unknown AVP is skipped as there.
 * <p>
 * It only ever says "valid" or "not sure": on anything it does not check itself the same way (a framing error, an
 * AVP that occurs too often, a value out of its type, a missing AVP) it returns false and the caller runs the
 * validator's walk, which decides and names the error. Why: the validator's walk interprets its rule tables for each
 * AVP, which measured about three times the cost of a switch over the same checks (protocol/README.md, Benchmarks).
 * <p>
 * What it assumes of the dictionary (the AVPs it handles are listed at their level, those it checks for one
 * occurrence occur at most once there, the levels require nothing it does not handle) is checked against the
 * validator's rules whenever they change; if the dictionary says otherwise it is not used at all. Not thread safe.
 */
final class CreditControlRequestWalk
{
    /**
     * Levels a handled AVP sits at: the message; Subscription-Id, MSCC and Service-Information members; units in an
     * MSCC and PS-Information members.
     */
    private static final int LEVELS = 3;

    // One bit per AVP of the message allowed at most once that this walk handles.
    private static final int SESSION_ID = 1;
    private static final int ORIGIN_HOST = 1 << 1;
    private static final int ORIGIN_REALM = 1 << 2;
    private static final int DESTINATION_REALM = 1 << 3;
    private static final int AUTH_APPLICATION_ID = 1 << 4;
    private static final int SERVICE_CONTEXT_ID = 1 << 5;
    private static final int CC_REQUEST_TYPE = 1 << 6;
    private static final int CC_REQUEST_NUMBER = 1 << 7;
    private static final int DESTINATION_HOST = 1 << 8;
    private static final int USER_NAME = 1 << 9;
    private static final int ORIGIN_STATE_ID = 1 << 10;
    private static final int EVENT_TIMESTAMP = 1 << 11;
    private static final int SERVICE_IDENTIFIER = 1 << 12;
    private static final int TERMINATION_CAUSE = 1 << 13;
    private static final int REQUESTED_ACTION = 1 << 14;
    private static final int MULTIPLE_SERVICES_INDICATOR = 1 << 15;
    private static final int REQUESTED_SERVICE_UNIT = 1 << 16;
    private static final int[] MESSAGE_ONCE_CODES = {
        AvpCode.SESSION_ID, AvpCode.ORIGIN_HOST, AvpCode.ORIGIN_REALM, AvpCode.DESTINATION_REALM,
        AvpCode.AUTH_APPLICATION_ID, AvpCode.SERVICE_CONTEXT_ID, AvpCode.CC_REQUEST_TYPE, AvpCode.CC_REQUEST_NUMBER,
        AvpCode.DESTINATION_HOST, AvpCode.USER_NAME, AvpCode.ORIGIN_STATE_ID, AvpCode.EVENT_TIMESTAMP,
        AvpCode.SERVICE_IDENTIFIER, AvpCode.TERMINATION_CAUSE, AvpCode.REQUESTED_ACTION,
        AvpCode.MULTIPLE_SERVICES_INDICATOR, AvpCode.REQUESTED_SERVICE_UNIT};

    // Bits of the members of one MSCC and of one Subscription-Id, and of the units of one RSU or USU.
    private static final int RATING_GROUP = 1;
    private static final int MSCC_REQUESTED_SERVICE_UNIT = 1 << 1;
    private static final int TYPE = 1;
    private static final int DATA = 1 << 1;
    private static final int CC_TIME = 1;
    private static final int CC_TOTAL_OCTETS = 1 << 1;
    private static final int CC_INPUT_OCTETS = 1 << 2;
    private static final int CC_OUTPUT_OCTETS = 1 << 3;
    private static final int CC_SERVICE_SPECIFIC_UNITS = 1 << 4;
    private static final int[] UNIT_CODES = {AvpCode.CC_TIME, AvpCode.CC_TOTAL_OCTETS, AvpCode.CC_INPUT_OCTETS,
        AvpCode.CC_OUTPUT_OCTETS, AvpCode.CC_SERVICE_SPECIFIC_UNITS};
    // Service-Information (TS 32.299 §7.2.192) of the message, its PS-Information (§7.2.158), and the members of that
    // which a CDR keeps.
    private static final int SERVICE_INFORMATION = 1 << 17;
    private static final int PS_INFORMATION = 1;
    private static final int CHARGING_ID = 1;
    private static final int CALLED_STATION_ID = 1 << 1;
    private static final int SGSN_MCC_MNC = 1 << 2;
    private static final int RAT_TYPE = 1 << 3;

    private final AvpReader[] readers = AvpReader.scratch(LEVELS);

    private DiameterValidator rulesOf;
    private int rulesVersion;
    private boolean usable;
    private RuleSet messageRules;
    private RuleSet subscriptionIdRules;
    private RuleSet msccRules;
    private RuleSet requestedRules;
    private RuleSet usedRules;
    private RuleSet serviceInformationRules;
    private RuleSet psInformationRules;
    private int minCalledStationIdLength;
    private int minSgsnMccMncLength;
    private int minRatTypeLength;
    private int requiredMessageAvps;
    private int maxSessionIdLength;
    private int maxSubscriptionIds;
    private int maxMsccs;
    private int maxUsedServiceUnits;
    private int maxMsccUsedServiceUnits;
    private int maxMsccServiceIdentifiers;
    private int maxMsccReportingReasons;
    private int minIdentityLength;
    private boolean strictCcRequestType;
    private boolean strictRequestedAction;
    private boolean strictMultipleServicesIndicator;
    private boolean strictTerminationCause;
    private boolean strictSubscriptionIdType;
    private boolean strictReportingReason;

    /**
     * Validate and decode a CCR whose decoder was begun on it.
     *
     * @param validator whose rules apply.
     * @param buffer    holding the message.
     * @param offset    of the message header.
     * @param header    the decoder's view of the message header.
     * @param decoder   begun on the message; shown every AVP as the validator's walk would show it.
     * @return true when the message is valid and decoded; false when not sure (the caller runs the validator).
     */
    boolean walk(
        final DiameterValidator validator, final ByteBuf buffer, final int offset,
        final DiameterHeaderFlyweight header, final CreditControlRequestDecoder decoder)
    {
        if (validator != rulesOf || validator.rulesVersion() != rulesVersion)
        {
            readRules(validator);
        }
        if (!usable || CommandCode.CREDIT_CONTROL != header.commandCode() || !validator.beginSpecialisedWalk(
            buffer, header.flags(), CommandCode.CREDIT_CONTROL, header.applicationId(), decoder))
        {
            return false;
        }
        final AvpReader avp = readers[0].wrapMessage(buffer, offset);
        int seen = 0;
        int subscriptionIds = 0;
        int msccs = 0;
        int usedServiceUnits = 0;
        int otherVisit = 0;
        int position = avp.position();
        while (AvpReader.END != (position = avp.nextAt(position)))
        {
            final int dataLength = avp.dataLength();
            // A handled AVP is picked into the decoder here, as visit would pick it, without visit's dispatch.
            int once = 0;
            if (0 == avp.vendorId() && !avp.isVendorSpecific())
            {
                switch (avp.code())
                {
                    case AvpCode.SESSION_ID ->
                    {
                        if (dataLength > maxSessionIdLength || (seen & SESSION_ID) != 0)
                        {
                            return false;
                        }
                        once = SESSION_ID;
                        decoder.sessionId(avp);
                    }
                    case AvpCode.ORIGIN_HOST ->
                    {
                        once = identity(seen, ORIGIN_HOST, dataLength);
                        decoder.originHost(avp);
                    }
                    case AvpCode.ORIGIN_REALM ->
                    {
                        once = identity(seen, ORIGIN_REALM, dataLength);
                        decoder.originRealm(avp);
                    }
                    case AvpCode.DESTINATION_REALM ->
                    {
                        once = identity(seen, DESTINATION_REALM, dataLength);
                        decoder.destinationRealm(avp);
                    }
                    case AvpCode.DESTINATION_HOST ->
                    {
                        once = identity(seen, DESTINATION_HOST, dataLength);
                        decoder.destinationHost(avp);
                    }
                    case AvpCode.SERVICE_CONTEXT_ID ->
                    {
                        once = first(seen, SERVICE_CONTEXT_ID);
                        decoder.serviceContextId(avp);
                    }
                    case AvpCode.USER_NAME ->
                    {
                        once = first(seen, USER_NAME);
                        decoder.userName(avp);
                    }
                    case AvpCode.AUTH_APPLICATION_ID ->
                    {
                        once = word(seen, AUTH_APPLICATION_ID, dataLength);
                        decoder.authApplicationId(avp.uint32());
                    }
                    case AvpCode.CC_REQUEST_NUMBER ->
                    {
                        once = word(seen, CC_REQUEST_NUMBER, dataLength);
                        decoder.ccRequestNumber(avp.uint32());
                    }
                    case AvpCode.ORIGIN_STATE_ID ->
                    {
                        once = word(seen, ORIGIN_STATE_ID, dataLength);
                        decoder.originStateId(avp.uint32());
                    }
                    case AvpCode.EVENT_TIMESTAMP ->
                    {
                        once = word(seen, EVENT_TIMESTAMP, dataLength);
                        decoder.eventTimestampSeconds(avp.timeUnixSeconds());
                    }
                    case AvpCode.SERVICE_IDENTIFIER ->
                    {
                        once = word(seen, SERVICE_IDENTIFIER, dataLength);
                        decoder.serviceIdentifier(avp.uint32());
                    }
                    case AvpCode.CC_REQUEST_TYPE ->
                    {
                        once = enumerated(validator, avp, seen, CC_REQUEST_TYPE, strictCcRequestType);
                        decoder.ccRequestType(avp.int32());
                    }
                    case AvpCode.TERMINATION_CAUSE ->
                    {
                        once = enumerated(validator, avp, seen, TERMINATION_CAUSE, strictTerminationCause);
                        decoder.terminationCause(avp.int32());
                    }
                    case AvpCode.REQUESTED_ACTION ->
                    {
                        once = enumerated(validator, avp, seen, REQUESTED_ACTION, strictRequestedAction);
                        decoder.requestedAction(avp.int32());
                    }
                    case AvpCode.MULTIPLE_SERVICES_INDICATOR ->
                    {
                        once = enumerated(
                            validator, avp, seen, MULTIPLE_SERVICES_INDICATOR, strictMultipleServicesIndicator);
                        decoder.multipleServicesIndicator(avp.int32());
                    }
                    case AvpCode.SUBSCRIPTION_ID ->
                    {
                        if (++subscriptionIds > maxSubscriptionIds ||
                            !subscriptionId(validator, avp, decoder.visit(avp, 0), decoder))
                        {
                            return false;
                        }
                        continue;
                    }
                    case AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL ->
                    {
                        if (++msccs > maxMsccs || !mscc(validator, avp, decoder.visit(avp, 0), decoder))
                        {
                            return false;
                        }
                        continue;
                    }
                    case AvpCode.REQUESTED_SERVICE_UNIT ->
                    {
                        once = first(seen, REQUESTED_SERVICE_UNIT);
                        if (once < 0 || !units(validator, avp, 1, requestedRules, decoder.visit(avp, 0), decoder))
                        {
                            return false;
                        }
                    }
                    case AvpCode.USED_SERVICE_UNIT ->
                    {
                        if (++usedServiceUnits > maxUsedServiceUnits ||
                            !units(validator, avp, 1, usedRules, decoder.visit(avp, 0), decoder))
                        {
                            return false;
                        }
                        continue;
                    }
                    default ->
                    {
                    }
                }
            }
            else if (VendorId.TGPP == avp.vendorId() && AvpCode.SERVICE_INFORMATION == avp.code())
            {
                once = first(seen, SERVICE_INFORMATION);
                if (once < 0 || !serviceInformation(validator, avp, decoder.visit(avp, 0), decoder))
                {
                    return false;
                }
            }
            if (0 == once)
            {
                if (0 == otherVisit)
                {
                    otherVisit = validator.beginLevel(messageRules);
                }
                if (!validator.acceptOther(messageRules, otherVisit, avp, 0, true))
                {
                    return false;
                }
                continue;
            }
            if (once < 0)
            {
                return false;
            }
            seen |= once;
        }
        return AvpReadError.NONE == avp.error() && (seen & requiredMessageAvps) == requiredMessageAvps;
    }

    // Each returns the AVP's bit when it may be taken (not seen before, a valid value), else -1.

    private static int first(final int seen, final int bit)
    {
        return (seen & bit) == 0 ? bit : -1;
    }

    private int identity(final int seen, final int bit, final int dataLength)
    {
        return dataLength >= minIdentityLength ? first(seen, bit) : -1;
    }

    private static int word(final int seen, final int bit, final int dataLength)
    {
        return Integer.BYTES == dataLength ? first(seen, bit) : -1;
    }

    private static int enumerated(
        final DiameterValidator validator, final AvpReader avp, final int seen, final int bit, final boolean strict)
    {
        if (Integer.BYTES != avp.dataLength() ||
            (strict && !validator.isKnownEnumValue(0, avp.code(), avp.int32())))
        {
            return -1;
        }
        return first(seen, bit);
    }

    /** RFC 4006 §8.46: exactly one Subscription-Id-Type and one Subscription-Id-Data, nothing else. */
    private boolean subscriptionId(
        final DiameterValidator validator, final AvpReader group, final boolean visiting,
        final CreditControlRequestDecoder decoder)
    {
        final AvpReader member = readers[1].wrapGroup(group);
        int seen = 0;
        int position = member.position();
        while (AvpReader.END != (position = member.nextAt(position)))
        {
            if (0 != member.vendorId() || member.isVendorSpecific())
            {
                return false;
            }
            final int bit;
            if (AvpCode.SUBSCRIPTION_ID_TYPE == member.code())
            {
                if (Integer.BYTES != member.dataLength() || (strictSubscriptionIdType &&
                    !validator.isKnownEnumValue(0, AvpCode.SUBSCRIPTION_ID_TYPE, member.int32())))
                {
                    return false;
                }
                bit = TYPE;
            }
            else if (AvpCode.SUBSCRIPTION_ID_DATA == member.code())
            {
                bit = DATA;
            }
            else
            {
                // Anything else is refused there (no *[AVP]) or, unknown without the M bit, ignored: the validator
                // tells which.
                return false;
            }
            if ((seen & bit) != 0)
            {
                return false;
            }
            seen |= bit;
            if (visiting)
            {
                decoder.visitSubscriptionIdMember(member);
            }
        }
        return AvpReadError.NONE == member.error() && (TYPE | DATA) == seen;
    }

    /** RFC 4006 §8.16 with TS 32.299 §7.1.9: the members a gateway reports in every MSCC. */
    private boolean mscc(
        final DiameterValidator validator, final AvpReader group, final boolean visiting,
        final CreditControlRequestDecoder decoder)
    {
        final AvpReader member = readers[1].wrapGroup(group);
        int seen = 0;
        int usedServiceUnits = 0;
        int serviceIdentifiers = 0;
        int reportingReasons = 0;
        int otherVisit = 0;
        int position = member.position();
        while (AvpReader.END != (position = member.nextAt(position)))
        {
            final int vendorId = member.vendorId();
            final int code = member.code();
            if (0 == vendorId && !member.isVendorSpecific())
            {
                if (AvpCode.RATING_GROUP == code)
                {
                    if ((seen & RATING_GROUP) != 0 || Integer.BYTES != member.dataLength())
                    {
                        return false;
                    }
                    seen |= RATING_GROUP;
                    if (visiting)
                    {
                        decoder.openMscc().visitIetfMember(member);
                    }
                    continue;
                }
                if (AvpCode.SERVICE_IDENTIFIER == code)
                {
                    if (++serviceIdentifiers > maxMsccServiceIdentifiers || Integer.BYTES != member.dataLength())
                    {
                        return false;
                    }
                    if (visiting)
                    {
                        decoder.openMscc().visitIetfMember(member);
                    }
                    continue;
                }
                if (AvpCode.USED_SERVICE_UNIT == code)
                {
                    if (++usedServiceUnits > maxMsccUsedServiceUnits ||
                        !units(validator, member, 2, usedRules, visiting && decoder.visit(member, 1), decoder))
                    {
                        return false;
                    }
                    continue;
                }
                if (AvpCode.REQUESTED_SERVICE_UNIT == code)
                {
                    if ((seen & MSCC_REQUESTED_SERVICE_UNIT) != 0 ||
                        !units(validator, member, 2, requestedRules, visiting && decoder.visit(member, 1), decoder))
                    {
                        return false;
                    }
                    seen |= MSCC_REQUESTED_SERVICE_UNIT;
                    continue;
                }
            }
            else if (VendorId.TGPP == vendorId && AvpCode.REPORTING_REASON == code)
            {
                if (++reportingReasons > maxMsccReportingReasons || Integer.BYTES != member.dataLength() ||
                    (strictReportingReason &&
                        !validator.isKnownEnumValue(VendorId.TGPP, AvpCode.REPORTING_REASON, member.int32())))
                {
                    return false;
                }
                if (visiting)
                {
                    decoder.openMscc().visitTgppMember(member);
                }
                continue;
            }
            if (0 == otherVisit)
            {
                otherVisit = validator.beginLevel(msccRules);
            }
            if (!validator.acceptOther(msccRules, otherVisit, member, 1, visiting))
            {
                return false;
            }
        }
        return AvpReadError.NONE == member.error();
    }

    /** RFC 4006 §8.18-8.19: the unit counts of a Requested- or Used-Service-Unit. */
    private boolean units(
        final DiameterValidator validator, final AvpReader group, final int depth, final RuleSet rules,
        final boolean visiting, final CreditControlRequestDecoder decoder)
    {
        final AvpReader member = readers[depth].wrapGroup(group);
        // The units being filled: visit opened them (a command-level group, or one in the open MSCC).
        final ServiceUnits units = !visiting ? null : 1 == depth ? decoder.openUnits() : decoder.openMscc().openUnits();
        int seen = 0;
        int otherVisit = 0;
        int position = member.position();
        while (AvpReader.END != (position = member.nextAt(position)))
        {
            int bit = 0;
            int kind = 0;
            int length = Long.BYTES;
            if (0 == member.vendorId() && !member.isVendorSpecific())
            {
                switch (member.code())
                {
                    case AvpCode.CC_TIME ->
                    {
                        bit = CC_TIME;
                        kind = ServiceUnits.TIME;
                        length = Integer.BYTES;
                    }
                    case AvpCode.CC_TOTAL_OCTETS ->
                    {
                        bit = CC_TOTAL_OCTETS;
                        kind = ServiceUnits.TOTAL_OCTETS;
                    }
                    case AvpCode.CC_INPUT_OCTETS ->
                    {
                        bit = CC_INPUT_OCTETS;
                        kind = ServiceUnits.INPUT_OCTETS;
                    }
                    case AvpCode.CC_OUTPUT_OCTETS ->
                    {
                        bit = CC_OUTPUT_OCTETS;
                        kind = ServiceUnits.OUTPUT_OCTETS;
                    }
                    case AvpCode.CC_SERVICE_SPECIFIC_UNITS ->
                    {
                        bit = CC_SERVICE_SPECIFIC_UNITS;
                        kind = ServiceUnits.SERVICE_SPECIFIC_UNITS;
                    }
                    default ->
                    {
                    }
                }
            }
            if (0 == bit)
            {
                if (0 == otherVisit)
                {
                    otherVisit = validator.beginLevel(rules);
                }
                if (!validator.acceptOther(rules, otherVisit, member, depth, visiting))
                {
                    return false;
                }
                continue;
            }
            if ((seen & bit) != 0 || length != member.dataLength())
            {
                return false;
            }
            seen |= bit;
            if (visiting)
            {
                units.add(kind, Integer.BYTES == length ? member.uint32() : member.uint64());
            }
        }
        return AvpReadError.NONE == member.error();
    }

    /** TS 32.299 §7.2.192: PS-Information here, any other member as the validator checks it. */
    private boolean serviceInformation(
        final DiameterValidator validator, final AvpReader group, final boolean visiting,
        final CreditControlRequestDecoder decoder)
    {
        final AvpReader member = readers[1].wrapGroup(group);
        int seen = 0;
        int otherVisit = 0;
        int position = member.position();
        while (AvpReader.END != (position = member.nextAt(position)))
        {
            if (VendorId.TGPP == member.vendorId() && AvpCode.PS_INFORMATION == member.code())
            {
                if ((seen & PS_INFORMATION) != 0 ||
                    !psInformation(validator, member, visiting && decoder.visit(member, 1), decoder))
                {
                    return false;
                }
                seen |= PS_INFORMATION;
                continue;
            }
            if (0 == otherVisit)
            {
                otherVisit = validator.beginLevel(serviceInformationRules);
            }
            if (!validator.acceptOther(serviceInformationRules, otherVisit, member, 1, visiting))
            {
                return false;
            }
        }
        return AvpReadError.NONE == member.error();
    }

    /**
     * TS 32.299 §7.2.158: the members a CDR keeps (3GPP-Charging-Id, Called-Station-Id, 3GPP-SGSN-MCC-MNC,
     * 3GPP-RAT-Type) here, any other as the validator checks it.
     */
    private boolean psInformation(
        final DiameterValidator validator, final AvpReader group, final boolean visiting,
        final CreditControlRequestDecoder decoder)
    {
        final AvpReader member = readers[2].wrapGroup(group);
        int seen = 0;
        int otherVisit = 0;
        int position = member.position();
        while (AvpReader.END != (position = member.nextAt(position)))
        {
            final int vendorId = member.vendorId();
            final int code = member.code();
            final int dataLength = member.dataLength();
            int bit = 0;
            if (VendorId.TGPP == vendorId)
            {
                switch (code)
                {
                    case AvpCode.TGPP_CHARGING_ID -> bit = Integer.BYTES == dataLength ? CHARGING_ID : -1;
                    case AvpCode.TGPP_SGSN_MCC_MNC -> bit = dataLength >= minSgsnMccMncLength ? SGSN_MCC_MNC : -1;
                    case AvpCode.TGPP_RAT_TYPE -> bit = dataLength >= minRatTypeLength ? RAT_TYPE : -1;
                    default ->
                    {
                    }
                }
            }
            else if (0 == vendorId && !member.isVendorSpecific() && AvpCode.CALLED_STATION_ID == code)
            {
                bit = dataLength >= minCalledStationIdLength ? CALLED_STATION_ID : -1;
            }
            if (0 == bit)
            {
                if (0 == otherVisit)
                {
                    otherVisit = validator.beginLevel(psInformationRules);
                }
                if (!validator.acceptOther(psInformationRules, otherVisit, member, 2, visiting))
                {
                    return false;
                }
                continue;
            }
            if (bit < 0 || (seen & bit) != 0)
            {
                return false;
            }
            seen |= bit;
            if (visiting)
            {
                decoder.readPsInformationMember(member);
            }
        }
        return AvpReadError.NONE == member.error();
    }

    /**
     * Read what the walk needs of the validator's rules, and check that they are what the walk assumes; if not, the
     * walk is not used with this validator (every CCR then takes the validator's walk).
     */
    private void readRules(final DiameterValidator validator)
    {
        rulesOf = validator;
        rulesVersion = validator.rulesVersion();
        messageRules = validator.commandRules(CommandCode.CREDIT_CONTROL, true);
        subscriptionIdRules = validator.groupRules(0, AvpCode.SUBSCRIPTION_ID);
        msccRules = validator.groupRules(0, AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL);
        requestedRules = validator.groupRules(0, AvpCode.REQUESTED_SERVICE_UNIT);
        usedRules = validator.groupRules(0, AvpCode.USED_SERVICE_UNIT);
        serviceInformationRules = validator.groupRules(VendorId.TGPP, AvpCode.SERVICE_INFORMATION);
        psInformationRules = validator.groupRules(VendorId.TGPP, AvpCode.PS_INFORMATION);
        usable = null != messageRules && null != subscriptionIdRules && null != msccRules &&
            null != requestedRules && null != usedRules && null != serviceInformationRules &&
            null != psInformationRules && assumptionsHold(validator) && serviceInformationAssumptionsHold(validator);
    }

    private boolean assumptionsHold(final DiameterValidator validator)
    {
        // The AVPs checked for one occurrence are listed once at their level; the rest are listed at all.
        for (final int code : MESSAGE_ONCE_CODES)
        {
            if (1 != messageRules.maxOccurs(0, code))
            {
                return false;
            }
        }
        if (1 != msccRules.maxOccurs(0, AvpCode.RATING_GROUP) ||
            1 != msccRules.maxOccurs(0, AvpCode.REQUESTED_SERVICE_UNIT) ||
            1 != subscriptionIdRules.maxOccurs(0, AvpCode.SUBSCRIPTION_ID_TYPE) ||
            1 != subscriptionIdRules.maxOccurs(0, AvpCode.SUBSCRIPTION_ID_DATA) ||
            subscriptionIdRules.allowsAnyAvp())
        {
            return false;
        }
        for (final int code : UNIT_CODES)
        {
            if (1 != requestedRules.maxOccurs(0, code) || 1 != usedRules.maxOccurs(0, code))
            {
                return false;
            }
        }
        maxSubscriptionIds = messageRules.maxOccurs(0, AvpCode.SUBSCRIPTION_ID);
        maxMsccs = messageRules.maxOccurs(0, AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL);
        maxUsedServiceUnits = messageRules.maxOccurs(0, AvpCode.USED_SERVICE_UNIT);
        maxMsccUsedServiceUnits = msccRules.maxOccurs(0, AvpCode.USED_SERVICE_UNIT);
        maxMsccServiceIdentifiers = msccRules.maxOccurs(0, AvpCode.SERVICE_IDENTIFIER);
        maxMsccReportingReasons = msccRules.maxOccurs(VendorId.TGPP, AvpCode.REPORTING_REASON);
        if (maxSubscriptionIds < 0 || maxMsccs < 0 || maxUsedServiceUnits < 0 || maxMsccUsedServiceUnits < 0 ||
            maxMsccServiceIdentifiers < 0 || maxMsccReportingReasons < 0)
        {
            return false;
        }

        // Each level requires only what the walk checks for itself (MSCC and the units require nothing).
        requiredMessageAvps = 0;
        for (final long key : messageRules.requiredKeys())
        {
            final int bit = onceBit(key);
            if (0 == bit)
            {
                return false;
            }
            requiredMessageAvps |= bit;
        }
        // Subscription-Id requires its Type and its Data and nothing else: two required, and those are the two.
        if (0 != msccRules.requiredKeys().length || 0 != requestedRules.requiredKeys().length ||
            0 != usedRules.requiredKeys().length || 2 != subscriptionIdRules.requiredKeys().length ||
            1 != subscriptionIdRules.minOccurs(0, AvpCode.SUBSCRIPTION_ID_TYPE) ||
            1 != subscriptionIdRules.minOccurs(0, AvpCode.SUBSCRIPTION_ID_DATA))
        {
            return false;
        }

        // The values: the types' lengths the walk checks, and nothing more to check than it does.
        minIdentityLength = validator.minDataLength(0, AvpCode.ORIGIN_HOST);
        maxSessionIdLength = validator.maxSessionIdLength();
        strictCcRequestType = validator.isStrictEnumeration(0, AvpCode.CC_REQUEST_TYPE);
        strictRequestedAction = validator.isStrictEnumeration(0, AvpCode.REQUESTED_ACTION);
        strictMultipleServicesIndicator = validator.isStrictEnumeration(0, AvpCode.MULTIPLE_SERVICES_INDICATOR);
        strictTerminationCause = validator.isStrictEnumeration(0, AvpCode.TERMINATION_CAUSE);
        strictSubscriptionIdType = validator.isStrictEnumeration(0, AvpCode.SUBSCRIPTION_ID_TYPE);
        strictReportingReason = validator.isStrictEnumeration(VendorId.TGPP, AvpCode.REPORTING_REASON);
        return sameLength(validator, 0, Integer.BYTES, AvpCode.AUTH_APPLICATION_ID, AvpCode.CC_REQUEST_NUMBER,
                AvpCode.ORIGIN_STATE_ID, AvpCode.EVENT_TIMESTAMP, AvpCode.SERVICE_IDENTIFIER, AvpCode.CC_REQUEST_TYPE,
                AvpCode.TERMINATION_CAUSE, AvpCode.REQUESTED_ACTION, AvpCode.MULTIPLE_SERVICES_INDICATOR,
                AvpCode.SUBSCRIPTION_ID_TYPE, AvpCode.RATING_GROUP, AvpCode.CC_TIME) &&
            sameLength(validator, VendorId.TGPP, Integer.BYTES, AvpCode.REPORTING_REASON) &&
            sameLength(validator, 0, Long.BYTES, AvpCode.CC_TOTAL_OCTETS, AvpCode.CC_INPUT_OCTETS,
                AvpCode.CC_OUTPUT_OCTETS, AvpCode.CC_SERVICE_SPECIFIC_UNITS) &&
            variable(validator, 0, AvpCode.SESSION_ID, 0) && variable(validator, 0, AvpCode.SERVICE_CONTEXT_ID, 0) &&
            variable(validator, 0, AvpCode.USER_NAME, 0) && variable(validator, 0, AvpCode.SUBSCRIPTION_ID_DATA, 0) &&
            variable(validator, 0, AvpCode.ORIGIN_HOST, minIdentityLength) &&
            variable(validator, 0, AvpCode.ORIGIN_REALM, minIdentityLength) &&
            variable(validator, 0, AvpCode.DESTINATION_REALM, minIdentityLength) &&
            variable(validator, 0, AvpCode.DESTINATION_HOST, minIdentityLength);
    }

    private boolean serviceInformationAssumptionsHold(final DiameterValidator validator)
    {
        if (1 != messageRules.maxOccurs(VendorId.TGPP, AvpCode.SERVICE_INFORMATION) ||
            1 != serviceInformationRules.maxOccurs(VendorId.TGPP, AvpCode.PS_INFORMATION) ||
            1 != psInformationRules.maxOccurs(VendorId.TGPP, AvpCode.TGPP_CHARGING_ID) ||
            1 != psInformationRules.maxOccurs(0, AvpCode.CALLED_STATION_ID) ||
            1 != psInformationRules.maxOccurs(VendorId.TGPP, AvpCode.TGPP_SGSN_MCC_MNC) ||
            1 != psInformationRules.maxOccurs(VendorId.TGPP, AvpCode.TGPP_RAT_TYPE) ||
            0 != serviceInformationRules.requiredKeys().length || 0 != psInformationRules.requiredKeys().length)
        {
            return false;
        }
        minCalledStationIdLength = validator.minDataLength(0, AvpCode.CALLED_STATION_ID);
        minSgsnMccMncLength = validator.minDataLength(VendorId.TGPP, AvpCode.TGPP_SGSN_MCC_MNC);
        minRatTypeLength = validator.minDataLength(VendorId.TGPP, AvpCode.TGPP_RAT_TYPE);
        return sameLength(validator, VendorId.TGPP, Integer.BYTES, AvpCode.TGPP_CHARGING_ID) &&
            variable(validator, 0, AvpCode.CALLED_STATION_ID, minCalledStationIdLength) &&
            variable(validator, VendorId.TGPP, AvpCode.TGPP_SGSN_MCC_MNC, minSgsnMccMncLength) &&
            variable(validator, VendorId.TGPP, AvpCode.TGPP_RAT_TYPE, minRatTypeLength);
    }

    private static int onceBit(final long key)
    {
        for (int i = 0; i < MESSAGE_ONCE_CODES.length; i++)
        {
            if (key == AvpDescriptor.key(0, MESSAGE_ONCE_CODES[i]))
            {
                return 1 << i;
            }
        }
        return 0;
    }

    /** Each of the codes has a type of that fixed length and nothing else checked but (for enumerations) its value. */
    private static boolean sameLength(
        final DiameterValidator validator, final int vendorId, final int length, final int... codes)
    {
        for (final int code : codes)
        {
            if (!validator.isKnown(vendorId, code) || length != validator.fixedDataLength(vendorId, code) ||
                (validator.checksMoreThanLength(vendorId, code) && !validator.isStrictEnumeration(vendorId, code)))
            {
                return false;
            }
        }
        return true;
    }

    /** A type of variable length whose least length is the given one; the Session-Id's limit is checked here too. */
    private static boolean variable(
        final DiameterValidator validator, final int vendorId, final int code, final int minLength)
    {
        return validator.isKnown(vendorId, code) && validator.fixedDataLength(vendorId, code) < 0 &&
            minLength == validator.minDataLength(vendorId, code) &&
            (AvpCode.SESSION_ID == code || !validator.checksMoreThanLength(vendorId, code));
    }
}
