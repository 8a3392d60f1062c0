package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.AvpVisitor;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.VendorId;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;

/**
 * The unit AVPs shared by Requested-, Granted- and Used-Service-Unit (RFC 4006 §8.17-8.19):
 * CC-Time, CC-Money, CC-Total-Octets, CC-Input-Octets, CC-Output-Octets and CC-Service-Specific-Units.
 * <p>
 * A reusable value holder: {@link #isPresent()} says whether the grouped AVP itself was there (an empty
 * Requested-Service-Unit means "server chooses", PROTOCOLS.md §4 item 14), and a bit per unit kind says which
 * units it carried. Octet counters are Unsigned64 held in a {@code long}; CC-Money keeps its Value-Digits and
 * Exponent as sent (value = digits x 10^exponent, §8.8). Not thread safe.
 */
public final class ServiceUnits
{
    /** CC-Time (420), seconds. */
    public static final int TIME = 1;
    /** CC-Total-Octets (421). */
    public static final int TOTAL_OCTETS = 1 << 1;
    /** CC-Input-Octets (412). */
    public static final int INPUT_OCTETS = 1 << 2;
    /** CC-Output-Octets (414). */
    public static final int OUTPUT_OCTETS = 1 << 3;
    /** CC-Service-Specific-Units (417). */
    public static final int SERVICE_SPECIFIC_UNITS = 1 << 4;
    /** CC-Money (413). */
    public static final int MONEY = 1 << 5;

    /** Members of CC-Money are at this depth below the group; Unit-Value's one deeper (RFC 4006 §8.22, §8.8). */
    private static final int MONEY_DEPTH = 1;

    private final AvpReader[] scratch = AvpReader.scratch(MONEY_DEPTH + 1);
    private final AvpVisitor memberVisitor = this::visitMember;
    private boolean present;
    private int kinds;
    private long timeSeconds;
    private long totalOctets;
    private long inputOctets;
    private long outputOctets;
    /** Volume of the occurrences before the open one (see {@link #volumeOctets()}). */
    private long closedVolumeOctets;
    /** The open occurrence's own octet counters: its volume is its total when it has one, else in + out. */
    private boolean openHasTotal;
    private long openTotalOctets;
    private long openInOutOctets;
    private long serviceSpecificUnits;
    private long moneyValueDigits;
    private int moneyExponent;
    private int moneyCurrencyCode = -1;
    private int reportingReason = -1;

    /**
     * Forget everything.
     *
     * @return this for chaining.
     */
    public ServiceUnits clear()
    {
        present = false;
        kinds = 0;
        timeSeconds = 0;
        totalOctets = 0;
        inputOctets = 0;
        outputOctets = 0;
        closedVolumeOctets = 0;
        openHasTotal = false;
        openTotalOctets = 0;
        openInOutOctets = 0;
        serviceSpecificUnits = 0;
        moneyValueDigits = 0;
        moneyExponent = 0;
        moneyCurrencyCode = -1;
        reportingReason = -1;
        return this;
    }

    /**
     * Open one more occurrence of the grouped AVP, whose members are then shown by {@link #visitMember}: marks the
     * group present and closes the previous occurrence's volume (see {@link #volumeOctets()}).
     *
     * @return this for chaining.
     */
    ServiceUnits beginOccurrence()
    {
        closedVolumeOctets = plus(closedVolumeOctets, openVolumeOctets());
        openHasTotal = false;
        openTotalOctets = 0;
        openInOutOctets = 0;
        return markPresent();
    }

    private long openVolumeOctets()
    {
        return openHasTotal ? openTotalOctets : openInOutOctets;
    }

    /**
     * Add the units of one grouped AVP. Called once per occurrence, so that several Used-Service-Unit AVPs of
     * one MSCC (split at a tariff change, RFC 4006 §8.19) are summed.
     *
     * @param group  reader positioned inside the grouped AVP (see {@link AvpReader#wrapGroup(AvpReader)}).
     * @return this for chaining.
     */
    public ServiceUnits accumulate(final AvpReader group)
    {
        beginOccurrence();
        group.accept(memberVisitor, scratch);
        return this;
    }

    /**
     * Pick one member of the grouped AVP (RFC 4006 §8.17-8.19, CC-Money §8.22, Unit-Value §8.8); the caller opens
     * each occurrence of the group with {@link #beginOccurrence()}, then shows each of its members here, pre-order.
     *
     * @param member positioned on the member.
     * @param depth  0 for the group's own members, 1 inside CC-Money, 2 inside Unit-Value.
     * @return true for the members whose own members are wanted (CC-Money, Unit-Value).
     */
    boolean visitMember(final AvpReader member, final int depth)
    {
        if (0 == depth)
        {
            if (0 == member.vendorId())
            {
                switch (member.code())
                {
                    case AvpCode.CC_TIME -> add(TIME, member.uint32());
                    case AvpCode.CC_TOTAL_OCTETS -> add(TOTAL_OCTETS, member.uint64());
                    case AvpCode.CC_INPUT_OCTETS -> add(INPUT_OCTETS, member.uint64());
                    case AvpCode.CC_OUTPUT_OCTETS -> add(OUTPUT_OCTETS, member.uint64());
                    case AvpCode.CC_SERVICE_SPECIFIC_UNITS -> add(SERVICE_SPECIFIC_UNITS, member.uint64());
                    case AvpCode.CC_MONEY ->
                    {
                        return true;
                    }
                    default ->
                    {
                    }
                }
            }
            else if (VendorId.TGPP == member.vendorId() && AvpCode.REPORTING_REASON == member.code())
            {
                reportingReason = member.int32();
            }
            return false;
        }
        // Below, only IETF AVPs are CC-Money's and Unit-Value's members (RFC 4006 §8.22, §8.8); another vendor's AVP
        // with the same code is another AVP (RFC 6733 §4.1), ignored as the validator ignores it.
        if (0 != member.vendorId())
        {
            return false;
        }
        if (MONEY_DEPTH == depth)
        {
            if (AvpCode.UNIT_VALUE == member.code())
            {
                kinds |= MONEY;
                return true;
            }
            if (AvpCode.CURRENCY_CODE == member.code())
            {
                moneyCurrencyCode = (int)member.uint32();
            }
            return false;
        }
        if (AvpCode.VALUE_DIGITS == member.code())
        {
            moneyValueDigits = member.int64();
        }
        else if (AvpCode.EXPONENT == member.code())
        {
            moneyExponent = member.int32();
        }
        return false;
    }

    void add(final int kind, final long read)
    {
        // An Unsigned64 of 2^63 or more reads as a negative long, and counts add up: both saturate at Long.MAX_VALUE,
        // so that an absurd count stays absurd (and is refused by the ledger as a charge no long holds) instead of
        // reading as negative, or wrapping round to a small number, which the charging would take as little or no
        // usage.
        final long value = read < 0 ? Long.MAX_VALUE : read;
        kinds |= kind;
        switch (kind)
        {
            case TIME -> timeSeconds = plus(timeSeconds, value);
            case TOTAL_OCTETS ->
            {
                totalOctets = plus(totalOctets, value);
                openHasTotal = true;
                openTotalOctets = plus(openTotalOctets, value);
            }
            case INPUT_OCTETS ->
            {
                inputOctets = plus(inputOctets, value);
                openInOutOctets = plus(openInOutOctets, value);
            }
            case OUTPUT_OCTETS ->
            {
                outputOctets = plus(outputOctets, value);
                openInOutOctets = plus(openInOutOctets, value);
            }
            default -> serviceSpecificUnits = plus(serviceSpecificUnits, value);
        }
    }

    /** Sum of two counts that are never negative, saturating at {@link Long#MAX_VALUE}. */
    private static long plus(final long a, final long b)
    {
        final long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * Write the units that are present, inside a grouped AVP the caller has opened.
     *
     * @param encoder positioned inside the group.
     */
    public void writeTo(final DiameterEncoder encoder)
    {
        if ((kinds & TIME) != 0)
        {
            encoder.uint32(AvpCode.CC_TIME, FLAG_MANDATORY, 0, timeSeconds);
        }
        if ((kinds & MONEY) != 0)
        {
            encoder.beginGroup(AvpCode.CC_MONEY, FLAG_MANDATORY, 0);
            encoder.beginGroup(AvpCode.UNIT_VALUE, FLAG_MANDATORY, 0);
            encoder.int64(AvpCode.VALUE_DIGITS, FLAG_MANDATORY, 0, moneyValueDigits);
            encoder.int32(AvpCode.EXPONENT, FLAG_MANDATORY, 0, moneyExponent);
            encoder.endGroup();
            if (moneyCurrencyCode >= 0)
            {
                encoder.uint32(AvpCode.CURRENCY_CODE, FLAG_MANDATORY, 0, moneyCurrencyCode);
            }
            encoder.endGroup();
        }
        if ((kinds & TOTAL_OCTETS) != 0)
        {
            encoder.uint64(AvpCode.CC_TOTAL_OCTETS, FLAG_MANDATORY, 0, totalOctets);
        }
        if ((kinds & INPUT_OCTETS) != 0)
        {
            encoder.uint64(AvpCode.CC_INPUT_OCTETS, FLAG_MANDATORY, 0, inputOctets);
        }
        if ((kinds & OUTPUT_OCTETS) != 0)
        {
            encoder.uint64(AvpCode.CC_OUTPUT_OCTETS, FLAG_MANDATORY, 0, outputOctets);
        }
        if ((kinds & SERVICE_SPECIFIC_UNITS) != 0)
        {
            encoder.uint64(AvpCode.CC_SERVICE_SPECIFIC_UNITS, FLAG_MANDATORY, 0, serviceSpecificUnits);
        }
    }

    /**
     * Mark the grouped AVP present with no units yet (an empty Requested-Service-Unit).
     *
     * @return this for chaining.
     */
    public ServiceUnits markPresent()
    {
        present = true;
        return this;
    }

    /**
     * @param seconds CC-Time.
     * @return this for chaining.
     */
    public ServiceUnits timeSeconds(final long seconds)
    {
        present = true;
        kinds |= TIME;
        timeSeconds = seconds;
        return this;
    }

    /**
     * @param octets CC-Total-Octets.
     * @return this for chaining.
     */
    public ServiceUnits totalOctets(final long octets)
    {
        present = true;
        kinds |= TOTAL_OCTETS;
        totalOctets = octets;
        openHasTotal = true;
        openTotalOctets = octets;
        return this;
    }

    /**
     * @param octets CC-Input-Octets.
     * @return this for chaining.
     */
    public ServiceUnits inputOctets(final long octets)
    {
        present = true;
        kinds |= INPUT_OCTETS;
        inputOctets = octets;
        openInOutOctets = octets + outputOctets;
        return this;
    }

    /**
     * @param octets CC-Output-Octets.
     * @return this for chaining.
     */
    public ServiceUnits outputOctets(final long octets)
    {
        present = true;
        kinds |= OUTPUT_OCTETS;
        outputOctets = octets;
        openInOutOctets = inputOctets + octets;
        return this;
    }

    /**
     * @param units CC-Service-Specific-Units.
     * @return this for chaining.
     */
    public ServiceUnits serviceSpecificUnits(final long units)
    {
        present = true;
        kinds |= SERVICE_SPECIFIC_UNITS;
        serviceSpecificUnits = units;
        return this;
    }

    /**
     * @param valueDigits  Value-Digits of CC-Money's Unit-Value.
     * @param exponent     Exponent of the Unit-Value.
     * @param currencyCode ISO 4217 numeric code, or -1 to leave Currency-Code out.
     * @return this for chaining.
     */
    public ServiceUnits money(final long valueDigits, final int exponent, final int currencyCode)
    {
        present = true;
        kinds |= MONEY;
        moneyValueDigits = valueDigits;
        moneyExponent = exponent;
        moneyCurrencyCode = currencyCode;
        return this;
    }

    /**
     * @param reason 3GPP Reporting-Reason inside a Used-Service-Unit (TS 32.299 §7.2.175).
     * @return this for chaining.
     */
    public ServiceUnits reportingReason(final int reason)
    {
        reportingReason = reason;
        return this;
    }

    /** @return true when the grouped AVP was present, even if empty. */
    public boolean isPresent()
    {
        return present;
    }

    /** @return true when present but without any unit AVP. */
    public boolean isEmpty()
    {
        return present && 0 == kinds;
    }

    /** @return bit set of the unit kinds present ({@link #TIME}, {@link #TOTAL_OCTETS} ...). */
    public int kinds()
    {
        return kinds;
    }

    /**
     * @param kind one of the kind constants.
     * @return true when that unit kind is present.
     */
    public boolean has(final int kind)
    {
        return (kinds & kind) != 0;
    }

    /** @return CC-Time in seconds. */
    public long timeSeconds()
    {
        return timeSeconds;
    }

    /** @return CC-Total-Octets. */
    public long totalOctets()
    {
        return totalOctets;
    }

    /** @return CC-Input-Octets. */
    public long inputOctets()
    {
        return inputOctets;
    }

    /** @return CC-Output-Octets. */
    public long outputOctets()
    {
        return outputOctets;
    }

    /**
     * Volume regardless of how it was reported, over every occurrence of the grouped AVP: each occurrence counts its
     * CC-Total-Octets when it has one, else its input plus output. Several Used-Service-Units of one MSCC (RFC 4006
     * §8.16, §8.19; split at a tariff change, §8.27) may report differently, say one with CC-Total-Octets and one
     * with only CC-Input- and CC-Output-Octets: each is a volume of its own, and all of them add up.
     *
     * @return octets.
     */
    public long volumeOctets()
    {
        return plus(closedVolumeOctets, openVolumeOctets());
    }

    /** @return true when any octet counter is present. */
    public boolean hasVolume()
    {
        return (kinds & (TOTAL_OCTETS | INPUT_OCTETS | OUTPUT_OCTETS)) != 0;
    }

    /** @return CC-Service-Specific-Units. */
    public long serviceSpecificUnits()
    {
        return serviceSpecificUnits;
    }

    /** @return Value-Digits of CC-Money. */
    public long moneyValueDigits()
    {
        return moneyValueDigits;
    }

    /** @return Exponent of CC-Money. */
    public int moneyExponent()
    {
        return moneyExponent;
    }

    /** @return Currency-Code of CC-Money, -1 when absent. */
    public int moneyCurrencyCode()
    {
        return moneyCurrencyCode;
    }

    /** @return Reporting-Reason inside the unit AVP, -1 when absent. */
    public int reportingReason()
    {
        return reportingReason;
    }

    /**
     * Copy another holder.
     *
     * @param other to copy.
     * @return this for chaining.
     */
    public ServiceUnits copyFrom(final ServiceUnits other)
    {
        present = other.present;
        kinds = other.kinds;
        timeSeconds = other.timeSeconds;
        totalOctets = other.totalOctets;
        inputOctets = other.inputOctets;
        outputOctets = other.outputOctets;
        closedVolumeOctets = other.closedVolumeOctets;
        openHasTotal = other.openHasTotal;
        openTotalOctets = other.openTotalOctets;
        openInOutOctets = other.openInOutOctets;
        serviceSpecificUnits = other.serviceSpecificUnits;
        moneyValueDigits = other.moneyValueDigits;
        moneyExponent = other.moneyExponent;
        moneyCurrencyCode = other.moneyCurrencyCode;
        reportingReason = other.reportingReason;
        return this;
    }

    @Override
    public String toString()
    {
        if (!present)
        {
            return "absent";
        }
        final StringBuilder text = new StringBuilder("{");
        if (has(TIME))
        {
            text.append(" time=").append(timeSeconds);
        }
        if (has(TOTAL_OCTETS))
        {
            text.append(" total=").append(Long.toUnsignedString(totalOctets));
        }
        if (has(INPUT_OCTETS))
        {
            text.append(" in=").append(Long.toUnsignedString(inputOctets));
        }
        if (has(OUTPUT_OCTETS))
        {
            text.append(" out=").append(Long.toUnsignedString(outputOctets));
        }
        if (has(SERVICE_SPECIFIC_UNITS))
        {
            text.append(" units=").append(serviceSpecificUnits);
        }
        if (has(MONEY))
        {
            text.append(" money=").append(moneyValueDigits).append("e").append(moneyExponent);
        }
        return text.append(" }").toString();
    }
}
