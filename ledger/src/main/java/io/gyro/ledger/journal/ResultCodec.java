package io.gyro.ledger.journal;

import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.ServiceResult;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.rating.Tariff;
import org.agrona.DirectBuffer;

import java.util.function.LongFunction;

/**
 * Binary form of a command's answer inside the ANSWERED event and in each session's memory: what a retransmission
 * gets back, and what the dump shows. Every field is a zigzag LEB128 varint:
 * <pre>
 * result, wouldDeny, flags (1 lowBalance, 2 checkBalanceEnough), balance, available, cost, accountId, services,
 * per service: ratingGroup, serviceIdentifier, result, unitType, granted, validitySec, threshold, holdingSec,
 *              charged, cumulativeUsed, overage, tariffId, flags (1 final), finalUnitAction
 * </pre>
 */
public final class ResultCodec
{
    /** Fields before the services. */
    private static final int HEADER_FIELDS = 8;
    /** Fields per service. */
    private static final int SERVICE_FIELDS = 14;
    /** A zigzag varint of a long takes at most 10 bytes. */
    private static final int MAX_VAR_BYTES = 10;

    private static final int FLAG_LOW_BALANCE = 1;
    private static final int FLAG_CHECK_BALANCE_ENOUGH = 2;
    private static final int FLAG_FINAL = 1;

    private ResultCodec()
    {
    }

    /**
     * @param services number of services.
     * @return the longest encoding of an answer with that many services.
     */
    public static int maxLength(final int services)
    {
        return (HEADER_FIELDS + Math.max(services, 0) * SERVICE_FIELDS) * MAX_VAR_BYTES;
    }

    /**
     * Encode the result fields of a command.
     *
     * @param cmd    answered command.
     * @param array  destination with {@link #maxLength} bytes free at {@code offset}.
     * @param offset start.
     * @return bytes written.
     */
    public static int encode(final LedgerCommand cmd, final byte[] array, final int offset)
    {
        final int services = cmd.serviceCount;
        int p = offset;
        p = put(array, p, cmd.result.code());
        p = put(array, p, cmd.wouldDenyReason.code());
        p = put(array, p, (cmd.lowBalance ? FLAG_LOW_BALANCE : 0) |
            (cmd.checkBalanceEnough ? FLAG_CHECK_BALANCE_ENOUGH : 0));
        p = put(array, p, cmd.balanceMinor);
        p = put(array, p, cmd.availableMinor);
        p = put(array, p, cmd.costMinor);
        p = put(array, p, cmd.accountId);
        p = put(array, p, services);
        for (int i = 0; i < services; i++)
        {
            final ServiceResult r = cmd.serviceResults[i];
            p = put(array, p, r.ratingGroup);
            p = put(array, p, r.serviceIdentifier);
            p = put(array, p, r.result.code());
            p = put(array, p, r.unitType);
            p = put(array, p, r.grantedUnits);
            p = put(array, p, r.validityTimeSec);
            p = put(array, p, r.volumeThreshold + r.timeThreshold + r.unitThreshold);
            p = put(array, p, r.quotaHoldingTimeSec);
            p = put(array, p, r.chargedMinor);
            p = put(array, p, r.cumulativeUsedUnits);
            p = put(array, p, r.overageUnits);
            p = put(array, p, r.tariff == null ? 0 : r.tariff.tariffId());
            p = put(array, p, r.finalUnits ? FLAG_FINAL : 0);
            p = put(array, p, r.finalUnitAction);
        }
        return p - offset;
    }

    private static int put(final byte[] a, final int position, final long value)
    {
        long v = (value << 1) ^ (value >> 63);
        int p = position;
        while ((v & ~0x7FL) != 0)
        {
            a[p++] = (byte)(v & 0x7F | 0x80);
            v >>>= 7;
        }
        a[p++] = (byte)v;
        return p;
    }

    /** result, wouldDeny, flags, balance, available, cost, accountId: the fields before the service count. */
    private static final int FIELDS_BEFORE_SERVICES = 7;

    /** Sequential varint reader with bounds checks; reusable, so replaying an answer allocates nothing. */
    public static final class Reader
    {
        private DirectBuffer buffer;
        private int limit;
        private int position;

        /** A reader to {@link #wrap} later. */
        public Reader()
        {
        }

        Reader(final DirectBuffer buffer, final int offset, final int length)
        {
            wrap(buffer, offset, length);
        }

        /**
         * @param buffer source.
         * @param offset start.
         * @param length length.
         * @return this.
         */
        public Reader wrap(final DirectBuffer buffer, final int offset, final int length)
        {
            this.buffer = buffer;
            this.position = offset;
            this.limit = offset + length;
            return this;
        }

        long next()
        {
            long v = 0;
            int shift = 0;
            while (true)
            {
                if (position >= limit || shift > 63)
                {
                    throw new JournalFormatException("recorded answer is truncated or malformed");
                }
                final byte b = buffer.getByte(position++);
                v |= (long)(b & 0x7F) << shift;
                if (b >= 0)
                {
                    break;
                }
                shift += 7;
            }
            return (v >>> 1) ^ -(v & 1);
        }

        int nextInt()
        {
            return (int)next();
        }

        boolean done()
        {
            return position == limit;
        }
    }

    /**
     * Restore a recorded answer into a command's result fields (for a retransmission).
     *
     * @param buffer  source.
     * @param offset  start.
     * @param length  length.
     * @param cmd     command to fill.
     * @param tariffs tariff id to version lookup.
     */
    public static void decode(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final LedgerCommand cmd,
        final LongFunction<Tariff> tariffs)
    {
        decode(new Reader(buffer, offset, length), cmd, tariffs);
    }

    /**
     * Number of service results in a recorded answer, for readers that restore it into a scratch command (whose
     * own service count belongs to the request it holds).
     *
     * @param in reader wrapped around the answer; it is consumed.
     * @return the count.
     */
    public static int serviceCount(final Reader in)
    {
        for (int field = 0; field < FIELDS_BEFORE_SERVICES; field++)
        {
            in.next();
        }
        return in.nextInt();
    }

    /**
     * Restore a recorded answer from a wrapped reader (allocation-free).
     *
     * @param in      reader wrapped around the answer.
     * @param cmd     command to fill.
     * @param tariffs tariff id to version lookup.
     */
    public static void decode(final Reader in, final LedgerCommand cmd, final LongFunction<Tariff> tariffs)
    {
        cmd.result = result(in.nextInt());
        cmd.wouldDenyReason = result(in.nextInt());
        final int flags = in.nextInt();
        cmd.lowBalance = (flags & FLAG_LOW_BALANCE) != 0;
        cmd.checkBalanceEnough = (flags & FLAG_CHECK_BALANCE_ENOUGH) != 0;
        cmd.balanceMinor = in.next();
        cmd.availableMinor = in.next();
        cmd.costMinor = in.next();
        cmd.accountId = in.next();
        final int services = in.nextInt();
        if (services < 0 || services > cmd.serviceResults.length)
        {
            throw new JournalFormatException("recorded answer has " + services + " services");
        }
        for (int i = 0; i < services; i++)
        {
            final ServiceResult r = cmd.serviceResults[i].reset();
            r.ratingGroup = in.next();
            r.serviceIdentifier = in.next();
            r.result = result(in.nextInt());
            r.unitType = in.nextInt();
            r.grantedUnits = in.next();
            r.validityTimeSec = in.next();
            final long threshold = in.next();
            switch (r.unitType)
            {
                case UnitType.OCTETS: r.volumeThreshold = threshold; break;
                case UnitType.SECONDS: r.timeThreshold = threshold; break;
                default: r.unitThreshold = threshold; break;
            }
            r.quotaHoldingTimeSec = in.next();
            r.chargedMinor = in.next();
            r.cumulativeUsedUnits = in.next();
            r.overageUnits = in.next();
            final long tariffId = in.next();
            r.tariff = tariffId == 0 ? null : tariffs.apply(tariffId);
            r.finalUnits = (in.nextInt() & FLAG_FINAL) != 0;
            r.finalUnitAction = in.nextInt();
        }
        if (!in.done())
        {
            throw new JournalFormatException("recorded answer has trailing bytes");
        }
    }

    /**
     * Human-readable form for the dump tool.
     *
     * @param buffer source.
     * @param offset start.
     * @param length length.
     * @param out    destination.
     */
    public static void appendTo(final DirectBuffer buffer, final int offset, final int length, final StringBuilder out)
    {
        final Reader in = new Reader(buffer, offset, length);
        out.append("result=").append(name(in.nextInt()));
        final int wouldDeny = in.nextInt();
        if (wouldDeny != 0)
        {
            out.append(" wouldDeny=").append(name(wouldDeny));
        }
        in.next();
        out.append(" balance=").append(in.next());
        out.append(" available=").append(in.next());
        in.next();
        out.append(" account=").append(in.next());
        final int services = in.nextInt();
        for (int i = 0; i < services; i++)
        {
            final long ratingGroup = in.next();
            in.next();
            final int result = in.nextInt();
            final int unitType = in.nextInt();
            final long granted = in.next();
            final long validity = in.next();
            in.next();
            in.next();
            final long charged = in.next();
            final long used = in.next();
            final long overage = in.next();
            in.next();
            final boolean finalUnits = (in.nextInt() & FLAG_FINAL) != 0;
            in.next();
            out.append("\n        service rg=").append(ratingGroup).append(' ').append(name(result))
                .append(" granted=").append(granted).append(' ').append(UnitType.name(unitType))
                .append(" validity=").append(validity).append('s')
                .append(" charged=").append(charged).append(" used=").append(used);
            if (finalUnits)
            {
                out.append(" FINAL");
            }
            if (overage != 0)
            {
                out.append(" overage=").append(overage);
            }
        }
    }

    private static LedgerResult result(final int code)
    {
        final LedgerResult result = LedgerResult.fromCode(code);
        if (result == null)
        {
            throw new JournalFormatException("recorded answer has an unknown result code " + code);
        }
        return result;
    }

    private static String name(final int code)
    {
        final LedgerResult result = LedgerResult.fromCode(code);
        return result == null ? "code" + code : result.name();
    }
}
