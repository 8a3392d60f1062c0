package io.gyro.ledger.journal;

import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.ServiceResult;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.rating.Tariff;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.function.LongFunction;

/**
 * Binary form of a command's answer inside the ANSWERED event: what a retransmission gets back, and what the dump
 * shows. Little-endian.
 * <pre>
 *  0 int result | 4 int wouldDeny | 8 int flags (1 lowBalance, 2 checkBalanceEnough) | 12 int serviceCount
 * 16 long balance | 24 long available | 32 long cost | 40 long accountId
 * 48 services x 96 bytes:
 *    0 long ratingGroup | 8 long serviceIdentifier | 16 int result | 20 int unitType | 24 long granted
 *   32 long validitySec | 40 long threshold | 48 long holdingSec | 56 long charged | 64 long cumulativeUsed
 *   72 long overage | 80 long tariffId | 88 int flags (1 final) | 92 int finalUnitAction
 * </pre>
 */
public final class ResultCodec
{
    /** Fixed part. */
    public static final int HEADER_LENGTH = 48;
    /** Bytes per service. */
    public static final int SERVICE_LENGTH = 96;

    private static final int FLAG_LOW_BALANCE = 1;
    private static final int FLAG_CHECK_BALANCE_ENOUGH = 2;
    private static final int FLAG_FINAL = 1;

    private ResultCodec()
    {
    }

    /**
     * Encode the result fields of a command.
     *
     * @param cmd    answered command.
     * @param buffer destination (expandable).
     * @param offset start.
     * @return bytes written.
     */
    public static int encode(final LedgerCommand cmd, final MutableDirectBuffer buffer, final int offset)
    {
        final int services = cmd.serviceCount;
        buffer.putInt(offset, cmd.result.code());
        buffer.putInt(offset + 4, cmd.wouldDenyReason.code());
        buffer.putInt(offset + 8, (cmd.lowBalance ? FLAG_LOW_BALANCE : 0) |
            (cmd.checkBalanceEnough ? FLAG_CHECK_BALANCE_ENOUGH : 0));
        buffer.putInt(offset + 12, services);
        buffer.putLong(offset + 16, cmd.balanceMinor);
        buffer.putLong(offset + 24, cmd.availableMinor);
        buffer.putLong(offset + 32, cmd.costMinor);
        buffer.putLong(offset + 40, cmd.accountId);
        int p = offset + HEADER_LENGTH;
        for (int i = 0; i < services; i++)
        {
            final ServiceResult r = cmd.serviceResults[i];
            buffer.putLong(p, r.ratingGroup);
            buffer.putLong(p + 8, r.serviceIdentifier);
            buffer.putInt(p + 16, r.result.code());
            buffer.putInt(p + 20, r.unitType);
            buffer.putLong(p + 24, r.grantedUnits);
            buffer.putLong(p + 32, r.validityTimeSec);
            buffer.putLong(p + 40, r.volumeThreshold + r.timeThreshold + r.unitThreshold);
            buffer.putLong(p + 48, r.quotaHoldingTimeSec);
            buffer.putLong(p + 56, r.chargedMinor);
            buffer.putLong(p + 64, r.cumulativeUsedUnits);
            buffer.putLong(p + 72, r.overageUnits);
            buffer.putLong(p + 80, r.tariff == null ? 0 : r.tariff.tariffId());
            buffer.putInt(p + 88, r.finalUnits ? FLAG_FINAL : 0);
            buffer.putInt(p + 92, r.finalUnitAction);
            p += SERVICE_LENGTH;
        }
        return p - offset;
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
        final int services = buffer.getInt(offset + 12);
        if (length != HEADER_LENGTH + services * SERVICE_LENGTH || services > cmd.serviceResults.length)
        {
            throw new JournalFormatException("recorded answer of " + length + " bytes for " + services + " services");
        }
        cmd.result = result(buffer.getInt(offset));
        cmd.wouldDenyReason = result(buffer.getInt(offset + 4));
        final int flags = buffer.getInt(offset + 8);
        cmd.lowBalance = (flags & FLAG_LOW_BALANCE) != 0;
        cmd.checkBalanceEnough = (flags & FLAG_CHECK_BALANCE_ENOUGH) != 0;
        cmd.balanceMinor = buffer.getLong(offset + 16);
        cmd.availableMinor = buffer.getLong(offset + 24);
        cmd.costMinor = buffer.getLong(offset + 32);
        cmd.accountId = buffer.getLong(offset + 40);
        int p = offset + HEADER_LENGTH;
        for (int i = 0; i < services; i++)
        {
            final ServiceResult r = cmd.serviceResults[i].reset();
            r.ratingGroup = buffer.getLong(p);
            r.serviceIdentifier = buffer.getLong(p + 8);
            r.result = result(buffer.getInt(p + 16));
            r.unitType = buffer.getInt(p + 20);
            r.grantedUnits = buffer.getLong(p + 24);
            r.validityTimeSec = buffer.getLong(p + 32);
            final long threshold = buffer.getLong(p + 40);
            switch (r.unitType)
            {
                case UnitType.OCTETS: r.volumeThreshold = threshold; break;
                case UnitType.SECONDS: r.timeThreshold = threshold; break;
                default: r.unitThreshold = threshold; break;
            }
            r.quotaHoldingTimeSec = buffer.getLong(p + 48);
            r.chargedMinor = buffer.getLong(p + 56);
            r.cumulativeUsedUnits = buffer.getLong(p + 64);
            r.overageUnits = buffer.getLong(p + 72);
            final long tariffId = buffer.getLong(p + 80);
            r.tariff = tariffId == 0 ? null : tariffs.apply(tariffId);
            r.finalUnits = (buffer.getInt(p + 88) & FLAG_FINAL) != 0;
            r.finalUnitAction = buffer.getInt(p + 92);
            p += SERVICE_LENGTH;
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
        final int services = buffer.getInt(offset + 12);
        out.append("result=").append(name(buffer.getInt(offset)));
        final int wouldDeny = buffer.getInt(offset + 4);
        if (wouldDeny != 0)
        {
            out.append(" wouldDeny=").append(name(wouldDeny));
        }
        out.append(" balance=").append(buffer.getLong(offset + 16))
            .append(" available=").append(buffer.getLong(offset + 24))
            .append(" account=").append(buffer.getLong(offset + 40));
        int p = offset + HEADER_LENGTH;
        for (int i = 0; i < services && p + SERVICE_LENGTH <= offset + length; i++)
        {
            out.append("\n        service rg=").append(buffer.getLong(p))
                .append(' ').append(name(buffer.getInt(p + 16)))
                .append(" granted=").append(buffer.getLong(p + 24))
                .append(' ').append(UnitType.name(buffer.getInt(p + 20)))
                .append(" validity=").append(buffer.getLong(p + 32)).append('s')
                .append(" charged=").append(buffer.getLong(p + 56))
                .append(" used=").append(buffer.getLong(p + 64));
            if ((buffer.getInt(p + 88) & FLAG_FINAL) != 0)
            {
                out.append(" FINAL");
            }
            if (buffer.getLong(p + 72) != 0)
            {
                out.append(" overage=").append(buffer.getLong(p + 72));
            }
            p += SERVICE_LENGTH;
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
