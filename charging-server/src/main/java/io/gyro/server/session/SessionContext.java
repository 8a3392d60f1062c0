package io.gyro.server.session;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes and reads the session context: the opaque bytes the ledger keeps with a charging session and journals
 * with its opening (so CDRs, RAR/ASR routing and RADIUS Disconnect survive a restart) but never interprets.
 * <p>
 * Layout: a format version octet, then type-length-value entries ({@code type(1) length(1) value}); readers skip
 * types they do not know, so later versions may add fields. Writing is allocation-free (straight into the ring
 * slot's array); reading allocates and is for the notification, admin and CDR paths.
 */
public final class SessionContext
{
    /** Format version of the entries below. */
    public static final int VERSION = 1;
    /** Largest value one entry holds (one-octet length). */
    public static final int MAX_VALUE_LENGTH = 255;

    /** Origin-Host of the Diameter peer connection (its CER) the session came through: where RAR/ASR go. */
    public static final int PEER_HOST = 1;
    /** Origin-Host of the session's requests (the PGW, even behind a relay). */
    public static final int ORIGIN_HOST = 2;
    /** Origin-Realm of the session's requests. */
    public static final int ORIGIN_REALM = 3;
    /**
     * The subscriber's MSISDN (E.164): Diameter's Subscription-Id E.164; for RADIUS the E.164 identity the request
     * names the subscriber by (Calling-Station-Id or User-Name of digits, without a leading '+').
     */
    public static final int MSISDN = 4;
    /** The subscriber's IMSI. */
    public static final int IMSI = 5;
    /** 3GPP-Charging-Id, four octets. */
    public static final int CHARGING_ID = 6;
    /** APN (Called-Station-Id). */
    public static final int APN = 7;
    /** 3GPP-SGSN-MCC-MNC. */
    public static final int SGSN_MCC_MNC = 8;
    /** 3GPP-RAT-Type octets. */
    public static final int RAT_TYPE = 9;
    /** Service-Context-Id. */
    public static final int SERVICE_CONTEXT_ID = 10;
    /** User-Name (Diameter or RADIUS). */
    public static final int USER_NAME = 11;
    /** RADIUS: the NAS's IP address (4 or 16 octets), where Disconnect/CoA go. */
    public static final int NAS_ADDRESS = 20;
    /** RADIUS: NAS-Identifier. */
    public static final int NAS_IDENTIFIER = 21;
    /** RADIUS: Acct-Session-Id. */
    public static final int ACCT_SESSION_ID = 22;
    /** RADIUS: Calling-Station-Id. */
    public static final int CALLING_STATION_ID = 23;
    /** RADIUS: Framed-IP-Address. */
    public static final int FRAMED_IP_ADDRESS = 24;
    /** RADIUS: the NAS's configured name. */
    public static final int NAS_NAME = 25;
    /** RADIUS: the NAS-IP-Address attribute the NAS sent (four octets); identifies it in Disconnect/CoA. */
    public static final int NAS_IP_ADDRESS = 26;
    /** RADIUS unrated record: Acct-Status-Type (four octets). */
    public static final int ACCT_STATUS_TYPE = 27;
    /** RADIUS unrated record: octets from the user, Gigawords joined (eight octets). */
    public static final int ACCT_INPUT_OCTETS = 28;
    /** RADIUS unrated record: octets to the user, Gigawords joined (eight octets). */
    public static final int ACCT_OUTPUT_OCTETS = 29;
    /** RADIUS unrated record: Acct-Session-Time in seconds (four octets). */
    public static final int ACCT_SESSION_TIME = 30;

    private SessionContext()
    {
    }

    /**
     * Start a context.
     *
     * @param destination array to write into.
     * @return the position after the version octet.
     */
    public static int begin(final byte[] destination)
    {
        destination[0] = VERSION;
        return 1;
    }

    /**
     * Append an entry from a Netty buffer; too long values are cut at {@link #MAX_VALUE_LENGTH} and entries that do
     * not fit are left out (the context is informational; the session is keyed elsewhere).
     *
     * @param destination array being written.
     * @param position    where the entry goes.
     * @param type        entry type.
     * @param source      buffer holding the value.
     * @param offset      of the value.
     * @param length      of the value; negative means absent (nothing written).
     * @return the position after the entry.
     */
    public static int put(
        final byte[] destination, final int position, final int type, final ByteBuf source, final int offset,
        final int length)
    {
        if (length < 0)
        {
            return position;
        }
        final int valueLength = Math.min(length, MAX_VALUE_LENGTH);
        if (position + 2 + valueLength > destination.length)
        {
            return position;
        }
        destination[position] = (byte)type;
        destination[position + 1] = (byte)valueLength;
        source.getBytes(offset, destination, position + 2, valueLength);
        return position + 2 + valueLength;
    }

    /**
     * Append an entry from an array.
     *
     * @param destination array being written.
     * @param position    where the entry goes.
     * @param type        entry type.
     * @param source      the value.
     * @param offset      of the value.
     * @param length      of the value; negative means absent.
     * @return the position after the entry.
     */
    public static int put(
        final byte[] destination, final int position, final int type, final byte[] source, final int offset,
        final int length)
    {
        if (length < 0)
        {
            return position;
        }
        final int valueLength = Math.min(length, MAX_VALUE_LENGTH);
        if (position + 2 + valueLength > destination.length)
        {
            return position;
        }
        destination[position] = (byte)type;
        destination[position + 1] = (byte)valueLength;
        System.arraycopy(source, offset, destination, position + 2, valueLength);
        return position + 2 + valueLength;
    }

    /**
     * Append a four-octet big-endian number.
     *
     * @param destination array being written.
     * @param position    where the entry goes.
     * @param type        entry type.
     * @param value       the low 32 bits are written.
     * @return the position after the entry.
     */
    public static int putInt(final byte[] destination, final int position, final int type, final long value)
    {
        if (position + 6 > destination.length)
        {
            return position;
        }
        destination[position] = (byte)type;
        destination[position + 1] = 4;
        destination[position + 2] = (byte)(value >>> 24);
        destination[position + 3] = (byte)(value >>> 16);
        destination[position + 4] = (byte)(value >>> 8);
        destination[position + 5] = (byte)value;
        return position + 6;
    }

    /**
     * Append an eight-octet big-endian number.
     *
     * @param destination array being written.
     * @param position    where the entry goes.
     * @param type        entry type.
     * @param value       the value.
     * @return the position after the entry.
     */
    public static int putLong(final byte[] destination, final int position, final int type, final long value)
    {
        if (position + 10 > destination.length)
        {
            return position;
        }
        destination[position] = (byte)type;
        destination[position + 1] = 8;
        for (int i = 0; i < 8; i++)
        {
            destination[position + 2 + i] = (byte)(value >>> (56 - 8 * i));
        }
        return position + 10;
    }

    /**
     * Find an entry's value.
     *
     * @param context the context bytes.
     * @param length  of the context.
     * @param type    entry type.
     * @return a copy of the value, or null when absent (or the context is of an unknown version).
     */
    public static byte[] get(final byte[] context, final int length, final int type)
    {
        if (length < 1 || context[0] != VERSION)
        {
            return null;
        }
        int position = 1;
        while (position + 2 <= length)
        {
            final int entryType = context[position] & 0xFF;
            final int entryLength = context[position + 1] & 0xFF;
            if (position + 2 + entryLength > length)
            {
                return null;
            }
            if (entryType == type)
            {
                return Arrays.copyOfRange(context, position + 2, position + 2 + entryLength);
            }
            position += 2 + entryLength;
        }
        return null;
    }

    /**
     * @param context the context bytes.
     * @param length  of the context.
     * @param type    entry type.
     * @return the value as UTF-8 text, or null when absent.
     */
    public static String text(final byte[] context, final int length, final int type)
    {
        final byte[] value = get(context, length, type);
        return null == value ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * @param context the context bytes.
     * @param length  of the context.
     * @param type    entry type holding four octets.
     * @return the unsigned value, or -1 when absent or not four octets.
     */
    public static long number(final byte[] context, final int length, final int type)
    {
        final byte[] value = get(context, length, type);
        if (null == value || value.length != 4)
        {
            return -1;
        }
        return ((value[0] & 0xFFL) << 24) | ((value[1] & 0xFFL) << 16) | ((value[2] & 0xFFL) << 8) | (value[3] & 0xFFL);
    }

    /**
     * @param context the context bytes.
     * @param length  of the context.
     * @param type    entry type holding eight octets.
     * @return the value, or -1 when absent or not eight octets.
     */
    public static long longNumber(final byte[] context, final int length, final int type)
    {
        final byte[] value = get(context, length, type);
        if (null == value || value.length != 8)
        {
            return -1;
        }
        long result = 0;
        for (int i = 0; i < 8; i++)
        {
            result = (result << 8) | (value[i] & 0xFFL);
        }
        return result;
    }
}
