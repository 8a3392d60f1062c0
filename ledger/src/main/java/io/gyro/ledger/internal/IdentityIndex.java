package io.gyro.ledger.internal;

import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerLimits;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Object2IntHashMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Identity to account lookup without a String per request. Digit strings of up to
 * {@link LedgerLimits#MAX_PACKED_DIGITS} digits (MSISDN, IMSI) are packed into one long key (type, digit count,
 * value: injective, so no comparison is needed on a hit); other identities go to a map keyed by
 * {@link IdentityKey}, compared byte for byte on a hit. Each account also chains its identity records so that
 * deleting it or listing it never scans the maps.
 * Called only on the ledger thread.
 */
public final class IdentityIndex
{
    /** Missing value of both maps. */
    public static final int NONE = -1;
    /** Bits of the packed decimal value: 10^16 < 2^54. */
    private static final int VALUE_BITS = 54;
    /** Bits of the digit count (0..16). */
    private static final int LENGTH_BITS = 5;

    private final Long2LongHashMap packed;
    private final Object2IntHashMap<IdentityKey> byBytes = new Object2IntHashMap<>(NONE);
    private final IdentityKey probe = new IdentityKey();
    /** Identity record i: packed key, or -(1 + index into {@link #byteKeys}). */
    private final LongColumn recordKey = new LongColumn();
    /** Identity record i: next record of the same account, plus one (0 = end). */
    private final IntColumn recordNext = new IntColumn();
    private final List<IdentityKey> byteKeys = new ArrayList<>();
    private int recordCount;

    /**
     * @param expectedIdentities sizing hint, so the map does not resize (and double) during a bulk load.
     */
    public IdentityIndex(final int expectedIdentities)
    {
        packed = new Long2LongHashMap(Math.max(16, (int)(expectedIdentities / 0.65f) + 1), 0.65f, NONE);
    }

    /**
     * Pack a digit string.
     *
     * @param type   identity type.
     * @param bytes  bytes.
     * @param length valid length.
     * @return the packed key, or -1 when not packable.
     */
    public static long pack(final int type, final byte[] bytes, final int length)
    {
        if (length == 0 || length > LedgerLimits.MAX_PACKED_DIGITS || type < 0 || type > 7)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return ((long)type << (VALUE_BITS + LENGTH_BITS)) | ((long)length << VALUE_BITS) | value;
    }

    /**
     * Find the account of an identity.
     *
     * @param type   identity type.
     * @param bytes  bytes.
     * @param length valid length.
     * @return account index or {@link #NONE}.
     */
    public int lookup(final int type, final byte[] bytes, final int length)
    {
        final long key = pack(type, bytes, length);
        if (key >= 0)
        {
            return (int)packed.get(key);
        }
        return byBytes.getValue(probe.wrap(type, bytes, length));
    }

    /**
     * Add an identity (the caller checked it is free).
     *
     * @param accountIndex    owner.
     * @param firstRecordPlus1 the account's current first record plus one (0 = none).
     * @param type            identity type.
     * @param bytes           bytes (copied when stored).
     * @param length          valid length.
     * @return the new first record plus one, to store with the account.
     */
    public int add(
        final int accountIndex, final int firstRecordPlus1, final int type, final byte[] bytes, final int length)
    {
        final long key = pack(type, bytes, length);
        final long recordValue;
        if (key >= 0)
        {
            packed.put(key, accountIndex);
            recordValue = key;
        }
        else
        {
            final IdentityKey stored = probe.wrap(type, bytes, length).copy();
            byBytes.put(stored, accountIndex);
            byteKeys.add(stored);
            recordValue = -byteKeys.size();
        }
        final int record = recordCount++;
        recordKey.ensure(record);
        recordNext.ensure(record);
        recordKey.set(record, recordValue);
        recordNext.set(record, firstRecordPlus1);
        return record + 1;
    }

    /**
     * @param firstRecordPlus1 the account's first record plus one.
     * @return number of identities in the chain.
     */
    public int count(final int firstRecordPlus1)
    {
        int n = 0;
        for (int r = firstRecordPlus1; r != 0; r = recordNext.get(r - 1))
        {
            n++;
        }
        return n;
    }

    /**
     * Remove every identity of an account.
     *
     * @param firstRecordPlus1 the account's first record plus one.
     */
    public void removeAll(final int firstRecordPlus1)
    {
        for (int r = firstRecordPlus1; r != 0; r = recordNext.get(r - 1))
        {
            final long key = recordKey.get(r - 1);
            if (key >= 0)
            {
                packed.remove(key);
            }
            else
            {
                byBytes.removeKey(byteKeys.get((int)(-key - 1)));
            }
        }
    }

    /**
     * Describe an account's identities as "TYPE:value" (admin queries only).
     *
     * @param firstRecordPlus1 the account's first record plus one.
     * @param out              list to append to.
     */
    public void describe(final int firstRecordPlus1, final List<String> out)
    {
        for (int r = firstRecordPlus1; r != 0; r = recordNext.get(r - 1))
        {
            final long key = recordKey.get(r - 1);
            if (key >= 0)
            {
                final int type = (int)(key >>> (VALUE_BITS + LENGTH_BITS));
                final int length = (int)((key >>> VALUE_BITS) & ((1 << LENGTH_BITS) - 1));
                final long value = key & ((1L << VALUE_BITS) - 1);
                final StringBuilder digits = new StringBuilder(Long.toString(value));
                while (digits.length() < length)
                {
                    digits.insert(0, '0');
                }
                out.add(IdentityType.name(type) + ":" + digits);
            }
            else
            {
                final IdentityKey k = byteKeys.get((int)(-key - 1));
                out.add(IdentityType.name(k.type()) + ":" +
                    new String(k.bytes(), 0, k.length(), StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * Visit an account's identities in record order (snapshots).
     *
     * @param firstRecordPlus1 the account's first record plus one.
     * @param visitor          receives type and bytes.
     */
    public void forEach(final int firstRecordPlus1, final IdentityVisitor visitor)
    {
        final byte[] scratch = new byte[LedgerLimits.MAX_IDENTITY_LENGTH];
        for (int r = firstRecordPlus1; r != 0; r = recordNext.get(r - 1))
        {
            final long key = recordKey.get(r - 1);
            if (key >= 0)
            {
                final int type = (int)(key >>> (VALUE_BITS + LENGTH_BITS));
                final int length = (int)((key >>> VALUE_BITS) & ((1 << LENGTH_BITS) - 1));
                long value = key & ((1L << VALUE_BITS) - 1);
                for (int i = length - 1; i >= 0; i--)
                {
                    scratch[i] = (byte)('0' + value % 10);
                    value /= 10;
                }
                visitor.identity(type, scratch, length);
            }
            else
            {
                final IdentityKey k = byteKeys.get((int)(-key - 1));
                visitor.identity(k.type(), k.bytes(), k.length());
            }
        }
    }

    /**
     * @return identities currently indexed.
     */
    public int size()
    {
        return packed.size() + byBytes.size();
    }

    /**
     * @return approximate heap bytes (for the memory benchmark).
     */
    public long approximateBytes()
    {
        return (long)packed.capacity() * 16 + recordKey.allocatedBytes() + recordNext.allocatedBytes() +
            (long)byBytes.capacity() * 12 + byteKeys.size() * 64L;
    }

    /** Receives identities. */
    @FunctionalInterface
    public interface IdentityVisitor
    {
        /**
         * @param type   identity type.
         * @param bytes  bytes (valid during the call).
         * @param length length.
         */
        void identity(int type, byte[] bytes, int length);
    }
}
