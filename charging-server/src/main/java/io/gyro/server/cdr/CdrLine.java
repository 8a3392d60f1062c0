package io.gyro.server.cdr;

import io.gyro.config.Money;
import io.gyro.ledger.SessionEndReason;
import io.gyro.ledger.UnitType;
import io.gyro.server.session.SessionContext;
import io.gyro.server.session.SessionKeyText;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One CDR line: a rating group of a closed session (or a part of it), or one event charge. Reused by the tracker
 * and formatted at once into CSV (RFC 4180: comma separated, CRLF line ends, fields quoted only when they hold a
 * comma or quote; a text that is not printable UTF-8, line breaks included, is written as {@code hex:} and its octets,
 * so every record is exactly one line). The columns are {@link #HEADER}; the charging-server README describes each.
 */
final class CdrLine
{
    /** The header line, also the column order. */
    static final String HEADER = "record_id,record_type,session_id,session_part,account_id,msisdn,imsi,user_name," +
        "rating_group,start_time,end_time,used_octets,used_seconds,used_events,bucket_units,amount_charged," +
        "amount_charged_minor,outcome,termination_cause,charging_id,apn,sgsn_mcc_mnc,rat_type,origin_host," +
        "pilot_would_deny";
    /**
     * Date and time to the second; the milliseconds are appended by hand. The formatter's own fraction printer builds
     * BigDecimals, which made this line the server's largest source of garbage (two thirds of all allocation at
     * 15,000 CCR/s in a soak, JFR), and a second is formatted once for the many lines that share it.
     */
    private static final DateTimeFormatter TIME_TO_SECONDS =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final byte[] NO_BYTES = new byte[0];

    private final SecondText startSecond = new SecondText();
    private final SecondText endSecond = new SecondText();

    String recordType;
    byte[] sessionKey = NO_BYTES;
    byte[] context = NO_BYTES;
    int part;
    int accountId;
    long ratingGroup = -1;
    long startMs;
    long endMs;
    long usedOctets;
    long usedSeconds;
    long usedEvents;
    long bucketUnits;
    long chargedMinor;
    int outcome;
    int terminationCause;
    int wouldDeny;

    void reset()
    {
        recordType = null;
        sessionKey = NO_BYTES;
        context = NO_BYTES;
        part = 1;
        accountId = 0;
        ratingGroup = -1;
        startMs = 0;
        endMs = 0;
        usedOctets = 0;
        usedSeconds = 0;
        usedEvents = 0;
        bucketUnits = 0;
        chargedMinor = 0;
        outcome = 0;
        terminationCause = 0;
        wouldDeny = 0;
    }

    void setUsed(final int unitType, final long units)
    {
        switch (unitType)
        {
            case UnitType.SECONDS -> usedSeconds = units;
            case UnitType.EVENTS -> usedEvents = units;
            default -> usedOctets = units;
        }
    }

    /**
     * @param recordId   the line's unique, increasing id.
     * @param moneyScale decimal places of the minor unit.
     * @param out        receives the line, CRLF included.
     */
    void appendTo(final long recordId, final int moneyScale, final StringBuilder out)
    {
        final int contextLength = context.length;
        out.append(recordId).append(',');
        out.append(recordType).append(',');
        field(out, SessionKeyText.of(sessionKey)).append(',');
        if (null != sessionKey && sessionKey.length > 0)
        {
            out.append(part);
        }
        out.append(',');
        if (0 != accountId)
        {
            out.append(accountId);
        }
        out.append(',');
        contextField(out, SessionContext.MSISDN).append(',');
        contextField(out, SessionContext.IMSI).append(',');
        contextField(out, SessionContext.USER_NAME).append(',');
        if (ratingGroup >= 0)
        {
            out.append(ratingGroup);
        }
        out.append(',');
        startSecond.appendTime(startMs, out);
        out.append(',');
        endSecond.appendTime(endMs, out);
        out.append(',').append(usedOctets).append(',').append(usedSeconds).append(',').append(usedEvents);
        out.append(',').append(bucketUnits);
        out.append(',').append(Money.format(chargedMinor, moneyScale)).append(',').append(chargedMinor);
        out.append(',').append(SessionTracker.outcomeName(outcome));
        out.append(',');
        final SessionEndReason cause = SessionEndReason.fromCode(terminationCause);
        if (null != cause)
        {
            out.append(cause.name().toLowerCase(Locale.ROOT));
        }
        out.append(',');
        final long chargingId = SessionContext.number(context, contextLength, SessionContext.CHARGING_ID);
        if (chargingId >= 0)
        {
            out.append(chargingId);
        }
        out.append(',');
        contextField(out, SessionContext.APN).append(',');
        contextField(out, SessionContext.SGSN_MCC_MNC).append(',');
        ratType(out, SessionContext.get(context, contextLength, SessionContext.RAT_TYPE));
        out.append(',');
        contextField(out, SessionContext.ORIGIN_HOST).append(',');
        if (0 != wouldDeny)
        {
            out.append(SessionTracker.outcomeName(wouldDeny));
        }
        out.append("\r\n");
    }

    /** The text of the last second formatted in one column: consecutive lines mostly fall in the same second. */
    private static final class SecondText
    {
        private static final int MS_PER_SECOND = 1000;
        private long second = Long.MIN_VALUE;
        private String text;

        /** Appends {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (UTC) for an epoch time in milliseconds. */
        void appendTime(final long epochMs, final StringBuilder out)
        {
            final long epochSecond = Math.floorDiv(epochMs, MS_PER_SECOND);
            if (epochSecond != second)
            {
                text = TIME_TO_SECONDS.format(Instant.ofEpochSecond(epochSecond));
                second = epochSecond;
            }
            final int millis = (int)Math.floorMod(epochMs, MS_PER_SECOND);
            out.append(text).append('.');
            if (millis < 100)
            {
                out.append('0');
            }
            if (millis < 10)
            {
                out.append('0');
            }
            out.append(millis).append('Z');
        }
    }

    /** 3GPP-RAT-Type (TS 29.061 §16.4.7.2) is one octet: written as its number; anything longer in hex. */
    private static void ratType(final StringBuilder out, final byte[] value)
    {
        if (null == value)
        {
            return;
        }
        if (1 == value.length)
        {
            out.append(value[0] & 0xFF);
            return;
        }
        for (final byte b : value)
        {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
    }

    /**
     * A text entry of the session context, exactly: as text when it is printable UTF-8, else (octets that are not
     * UTF-8, such as a Latin-1 RADIUS User-Name, RFC 2865 §5.1; a control character such as CR, LF, TAB, NUL or ESC;
     * or text that itself begins with {@code hex:}) as {@code hex:} and its octets, like a RADIUS session id. So a
     * value is never replaced by U+FFFD, two values never share a text, and every record is one physical line.
     */
    private StringBuilder contextField(final StringBuilder out, final int type)
    {
        final byte[] value = SessionContext.get(context, context.length, type);
        if (null == value || 0 == value.length)
        {
            return out;
        }
        if (!printableAscii(value))
        {
            return field(out, SessionKeyText.of(value));
        }
        // The common case, without a decoder or a String: printable ASCII is its own UTF-8.
        boolean quote = false;
        for (final byte b : value)
        {
            quote |= b == ',' || b == '"';
        }
        if (quote)
        {
            out.append('"');
        }
        for (final byte b : value)
        {
            if (b == '"')
            {
                out.append('"');
            }
            out.append((char)b);
        }
        return quote ? out.append('"') : out;
    }

    /** @return whether every octet is printable ASCII and the value does not begin with {@code hex:}. */
    private static boolean printableAscii(final byte[] value)
    {
        for (final byte b : value)
        {
            if (b < 0x20 || b > 0x7E)
            {
                return false;
            }
        }
        final String prefix = SessionKeyText.HEX_PREFIX;
        if (value.length < prefix.length())
        {
            return true;
        }
        for (int i = 0; i < prefix.length(); i++)
        {
            if (value[i] != prefix.charAt(i))
            {
                return true;
            }
        }
        return false;
    }

    private static StringBuilder field(final StringBuilder out, final String value)
    {
        if (null == value || value.isEmpty())
        {
            return out;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++)
        {
            final char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote)
        {
            return out.append(value);
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"')
            {
                out.append('"');
            }
            out.append(c);
        }
        return out.append('"');
    }
}
