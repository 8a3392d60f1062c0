package io.gyro.ledger.rating;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of a tariff table inside the TARIFFS_SET journal event and snapshots (little-endian, as every
 * Gyro record). Reading assigns each tariff its id: {@code version << 16 | position}.
 * <pre>
 * long version | int count | count x tariff
 * tariff: long ratingGroup | int unitType | long quantum | int tiers | tiers x long from
 *         | int bands | bands x (int startSecond | tiers x long price) | int utcOffset
 *         | long defaultGrant | long maxGrant | long validitySec | long threshold | long holdingSec
 *         | int finalUnitAction | str name | str redirect | str filterId      (str = int length | UTF-8)
 *         | int redirectAddressType | int ruleCount | ruleCount x str restrictionFilterRule
 * </pre>
 */
public final class TariffCodec
{
    /** Tariff ids keep the position in the low 16 bits; {@link TariffTable#MAX_TARIFFS} is below 2^16. */
    private static final int POSITION_BITS = 16;

    private TariffCodec()
    {
    }

    /**
     * Tariff id of a position in a table version.
     *
     * @param version  table version.
     * @param position position in the table.
     * @return the id.
     */
    public static long tariffId(final long version, final int position)
    {
        return (version << POSITION_BITS) | position;
    }

    /**
     * Write a table.
     *
     * @param table   tariffs (its own version is ignored).
     * @param version version to record.
     * @param buffer  destination.
     * @param offset  where to start.
     * @return bytes written.
     */
    public static int write(
        final TariffTable table, final long version, final ExpandableArrayBuffer buffer, final int offset)
    {
        int p = offset;
        buffer.putLong(p, version);
        p += 8;
        buffer.putInt(p, table.tariffs().size());
        p += 4;
        for (final Tariff t : table.tariffs())
        {
            buffer.putLong(p, t.ratingGroup());
            p += 8;
            buffer.putInt(p, t.unitType());
            p += 4;
            buffer.putLong(p, t.quantumUnits());
            p += 8;
            final int tiers = t.tierCount();
            buffer.putInt(p, tiers);
            p += 4;
            for (int i = 0; i < tiers; i++)
            {
                buffer.putLong(p, t.tierFromUnits(i));
                p += 8;
            }
            final int bands = t.bandCount();
            buffer.putInt(p, bands);
            p += 4;
            for (int b = 0; b < bands; b++)
            {
                buffer.putInt(p, t.bandStartSecond(b));
                p += 4;
                for (int i = 0; i < tiers; i++)
                {
                    buffer.putLong(p, t.pricePerQuantumMinor(b, i));
                    p += 8;
                }
            }
            buffer.putInt(p, t.utcOffsetSeconds());
            p += 4;
            buffer.putLong(p, t.defaultGrantUnits());
            p += 8;
            buffer.putLong(p, t.maxGrantUnits());
            p += 8;
            buffer.putLong(p, t.validityTimeSec());
            p += 8;
            buffer.putLong(p, t.quotaThresholdUnits());
            p += 8;
            buffer.putLong(p, t.quotaHoldingTimeSec());
            p += 8;
            buffer.putInt(p, t.finalUnitAction());
            p += 4;
            p = putString(buffer, p, t.name());
            p = putString(buffer, p, t.redirectAddress());
            p = putString(buffer, p, t.filterId());
            buffer.putInt(p, t.redirectAddressType());
            p += 4;
            buffer.putInt(p, t.restrictionFilterRules().size());
            p += 4;
            for (final String rule : t.restrictionFilterRules())
            {
                p = putString(buffer, p, rule);
            }
        }
        return p - offset;
    }

    /**
     * Read a table and assign tariff ids.
     *
     * @param buffer source.
     * @param offset start.
     * @param length bytes available.
     * @return the table with its version.
     * @throws IllegalArgumentException when the bytes are not a valid table.
     */
    public static TariffTable read(final DirectBuffer buffer, final int offset, final int length)
    {
        final int limit = offset + length;
        int p = offset;
        final long version = buffer.getLong(p);
        p += 8;
        final int count = buffer.getInt(p);
        p += 4;
        if (count < 0 || count > TariffTable.MAX_TARIFFS)
        {
            throw new IllegalArgumentException("tariff table count out of range: " + count);
        }
        final List<Tariff> tariffs = new ArrayList<>(count);
        for (int n = 0; n < count; n++)
        {
            final long ratingGroup = buffer.getLong(p);
            p += 8;
            final int unitType = buffer.getInt(p);
            p += 4;
            final long quantum = buffer.getLong(p);
            p += 8;
            final int tiers = buffer.getInt(p);
            p += 4;
            checkCount(tiers, Tariff.MAX_TIERS, "tiers");
            final long[] from = new long[tiers];
            for (int i = 0; i < tiers; i++)
            {
                from[i] = buffer.getLong(p);
                p += 8;
            }
            final int bands = buffer.getInt(p);
            p += 4;
            checkCount(bands, Tariff.MAX_BANDS, "bands");
            final int[] starts = new int[bands];
            final long[][] prices = new long[bands][tiers];
            for (int b = 0; b < bands; b++)
            {
                starts[b] = buffer.getInt(p);
                p += 4;
                for (int i = 0; i < tiers; i++)
                {
                    prices[b][i] = buffer.getLong(p);
                    p += 8;
                }
            }
            final int offsetSec = buffer.getInt(p);
            p += 4;
            final long defaultGrant = buffer.getLong(p);
            p += 8;
            final long maxGrant = buffer.getLong(p);
            p += 8;
            final long validity = buffer.getLong(p);
            p += 8;
            final long threshold = buffer.getLong(p);
            p += 8;
            final long holding = buffer.getLong(p);
            p += 8;
            final int fua = buffer.getInt(p);
            p += 4;
            final String[] strings = new String[3];
            for (int s = 0; s < 3; s++)
            {
                strings[s] = getString(buffer, p, limit);
                p += 4 + buffer.getInt(p);
            }
            final int redirectAddressType = buffer.getInt(p);
            p += 4;
            final int ruleCount = buffer.getInt(p);
            p += 4;
            if (ruleCount < 0 || ruleCount > Tariff.MAX_FILTER_RULES)
            {
                throw new IllegalArgumentException("tariff filter rule count out of range: " + ruleCount);
            }
            final List<String> rules = new ArrayList<>(ruleCount);
            for (int r = 0; r < ruleCount; r++)
            {
                rules.add(getString(buffer, p, limit));
                p += 4 + buffer.getInt(p);
            }
            final Tariff tariff = new Tariff(tariffId(version, n), ratingGroup, strings[0], unitType, quantum, from,
                starts, prices, offsetSec, defaultGrant, maxGrant, validity, threshold, holding, fua, strings[1],
                strings[2], redirectAddressType, rules);
            final String error = Tariff.validate(tariff);
            if (error != null)
            {
                throw new IllegalArgumentException(error);
            }
            tariffs.add(tariff);
        }
        if (p != limit)
        {
            throw new IllegalArgumentException("tariff table length mismatch: read " + (p - offset) + " of " + length);
        }
        return new TariffTable(version, tariffs);
    }

    private static String getString(final DirectBuffer buffer, final int position, final int limit)
    {
        final int len = buffer.getInt(position);
        if (len < 0 || position + 4 + len > limit)
        {
            throw new IllegalArgumentException("tariff string length out of range: " + len);
        }
        final byte[] bytes = new byte[len];
        buffer.getBytes(position + 4, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void checkCount(final int value, final int max, final String what)
    {
        if (value < 1 || value > max)
        {
            throw new IllegalArgumentException("tariff " + what + " out of range: " + value);
        }
    }

    private static int putString(final MutableDirectBuffer buffer, final int offset, final String value)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.putInt(offset, bytes.length);
        buffer.putBytes(offset + 4, bytes);
        return offset + 4 + bytes.length;
    }
}
