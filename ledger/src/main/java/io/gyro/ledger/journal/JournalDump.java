package io.gyro.ledger.journal;

import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.SessionEndReason;
import io.gyro.ledger.SyncPolicy;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.rating.TariffCodec;
import io.gyro.ledger.rating.TariffTable;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;

/**
 * {@code journal dump}: prints a journal in human-readable form for operators and support, one line per command
 * record and one indented line per event. Read-only; safe on a live journal.
 * <pre>
 * java -cp gyro-ledger.jar:... io.gyro.ledger.journal.JournalDump &lt;journal dir&gt; [--from SEQ] [--limit N]
 *     [--scale DECIMALS]
 * </pre>
 */
public final class JournalDump extends LedgerEventsAdapter
{
    private final PrintStream out;
    private final long fromSeq;
    private final long limit;
    private final long scaleDivisor;
    private final int scale;
    private boolean printing;
    private long printed;

    /**
     * @param out     destination.
     * @param fromSeq first command sequence to print.
     * @param limit   records to print at most.
     * @param scale   money decimals.
     */
    public JournalDump(final PrintStream out, final long fromSeq, final long limit, final int scale)
    {
        this.out = out;
        this.fromSeq = fromSeq;
        this.limit = limit;
        this.scale = scale;
        long divisor = 1;
        for (int i = 0; i < scale; i++)
        {
            divisor *= 10;
        }
        this.scaleDivisor = divisor;
    }

    /**
     * Command-line entry point.
     *
     * @param args journal dir, then options.
     */
    public static void main(final String[] args)
    {
        if (args.length < 1)
        {
            System.err.println("usage: journal dump <journal dir> [--from SEQ] [--limit N] [--scale DECIMALS]");
            System.exit(2);
        }
        long from = 1;
        long limit = Long.MAX_VALUE;
        int scale = 4;
        for (int i = 1; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--from": from = Long.parseLong(args[i + 1]); break;
                case "--limit": limit = Long.parseLong(args[i + 1]); break;
                case "--scale": scale = Integer.parseInt(args[i + 1]); break;
                default:
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
            }
        }
        try
        {
            dump(Paths.get(args[0]), System.out, from, limit, scale);
        }
        catch (final JournalFormatException ex)
        {
            System.err.println("journal dump stopped: " + ex.getMessage());
            System.exit(1);
        }
    }

    /**
     * Print a journal.
     *
     * @param dir     journal directory.
     * @param out     destination.
     * @param fromSeq first command sequence to print.
     * @param limit   records to print at most.
     * @param scale   money decimals.
     * @return records printed.
     */
    public static long dump(final Path dir, final PrintStream out, final long fromSeq, final long limit, final int scale)
    {
        if (!Files.isDirectory(dir))
        {
            throw new JournalFormatException("no journal directory at " + dir);
        }
        final JournalDump printer = new JournalDump(out, fromSeq, limit, scale);
        final EventDecoder decoder = new EventDecoder();
        try (ChronicleJournal journal = new ChronicleJournal(dir, SyncPolicy.NONE, true))
        {
            journal.readAfter(-1, (index, buffer, length) ->
            {
                if (printer.printed < printer.limit)
                {
                    decoder.decodeDocument(buffer, 0, length, printer, index, dir.toString());
                }
            });
        }
        out.flush();
        return printer.printed;
    }

    @Override
    public void recordStarted(final long commandSeq, final int commandTypeCode, final long timestampMs)
    {
        printing = commandSeq >= fromSeq && printed < limit;
        if (printing)
        {
            printed++;
            final CommandType type = CommandType.fromCode(commandTypeCode);
            out.println("#" + commandSeq + " " + Instant.ofEpochMilli(timestampMs) + " " +
                (type == null ? "type" + commandTypeCode : type.name()));
        }
    }

    @Override
    public void recordCompleted(final long commandSeq, final int commandTypeCode, final long timestampMs)
    {
        printing = false;
    }

    private void line(final String text)
    {
        if (printing)
        {
            out.println("    " + text);
        }
    }

    private String money(final long minor)
    {
        if (scale == 0)
        {
            return Long.toString(minor);
        }
        final long whole = Math.abs(minor / scaleDivisor);
        final long fraction = Math.abs(minor % scaleDivisor);
        final String digits = Long.toString(fraction + scaleDivisor).substring(1);
        return (minor < 0 ? "-" : "") + whole + "." + digits;
    }

    private static String text(final DirectBuffer buffer, final int offset, final int length)
    {
        final StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            final int b = buffer.getByte(offset + i) & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\')
            {
                sb.append((char)b);
            }
            else
            {
                sb.append(String.format("\\x%02x", b));
            }
        }
        return sb.toString();
    }

    @Override
    public void accountCreated(final int accountIndex, final int status, final int billingDay, final long openingMinor,
        final long creditLimitMinor, final long lowBalanceThresholdMinor)
    {
        line("AccountCreated account=" + accountIndex + " status=" + status + " opening=" + money(openingMinor) +
            " creditLimit=" + money(creditLimitMinor) + " lowBalance=" + money(lowBalanceThresholdMinor) +
            " billingDay=" + billingDay);
    }

    @Override
    public void accountUpdated(final int accountIndex, final int status, final int billingDay,
        final long creditLimitMinor, final long lowBalanceThresholdMinor)
    {
        line("AccountUpdated account=" + accountIndex + " status=" + status + " creditLimit=" +
            money(creditLimitMinor) + " lowBalance=" + money(lowBalanceThresholdMinor) + " billingDay=" + billingDay);
    }

    @Override
    public void accountDeleted(final int accountIndex)
    {
        line("AccountDeleted account=" + accountIndex);
    }

    @Override
    public void identityAdded(final int accountIndex, final int identityType, final DirectBuffer buffer,
        final int offset, final int length)
    {
        line("IdentityAdded account=" + accountIndex + " " + IdentityType.name(identityType) + ":" +
            text(buffer, offset, length));
    }

    @Override
    public void credentialSet(final int accountIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        line("CredentialSet account=" + accountIndex + " (" + length + " bytes, not shown)");
    }

    @Override
    public void moneyCredited(final int accountIndex, final int kind, final long amountMinor)
    {
        line("MoneyCredited account=" + accountIndex + " " + (kind == CREDIT_REFUND ? "refund" : "top-up") + " " +
            money(amountMinor));
    }

    @Override
    public void moneyDebited(final int accountIndex, final long amountMinor)
    {
        line("MoneyDebited account=" + accountIndex + " " + money(amountMinor));
    }

    @Override
    public void bucketAdded(final int accountIndex, final int bucketIndex, final int unitType, final long ratingGroup,
        final long units, final long expiryMs)
    {
        line("BucketAdded account=" + accountIndex + " bucket=" + bucketIndex + " " + units + " " +
            UnitType.name(unitType) + " rg=" + ratingGroup + " expires=" +
            (expiryMs == 0 ? "never" : Instant.ofEpochMilli(expiryMs).toString()));
    }

    @Override
    public void bucketExpired(final int bucketIndex, final long expiredUnits)
    {
        line("BucketExpired bucket=" + bucketIndex + " expired=" + expiredUnits);
    }

    @Override
    public void tariffsSet(final long version, final DirectBuffer buffer, final int offset, final int length)
    {
        line("TariffsSet version=" + version);
        if (printing)
        {
            final TariffTable table = TariffCodec.read(buffer, offset, length);
            for (final Tariff tariff : table.tariffs())
            {
                line("  " + tariff);
            }
        }
    }

    @Override
    public void sessionOpened(final long sessionId, final int accountIndex, final int state,
        final boolean cumulativeUsage, final long originKey, final long supervisionMs, final DirectBuffer keyBuffer,
        final int keyOffset, final int keyLength, final DirectBuffer contextBuffer, final int contextOffset,
        final int contextLength)
    {
        line("SessionOpened session=" + sessionId + " key=" + text(keyBuffer, keyOffset, keyLength) + " account=" +
            accountIndex + (state == SESSION_CLOSED ? " event" : "") + (cumulativeUsage ? " radius" : "") +
            " origin=" + originKey + (supervisionMs > 0 ? " supervision=" + supervisionMs + "ms" : "") +
            " context=" + text(contextBuffer, contextOffset, contextLength));
    }

    @Override
    public void unitsReserved(final long sessionId, final long ratingGroup, final long serviceIdentifier,
        final long tariffId, final long priceMinor, final long quantumUnits, final long grantedUnits,
        final int bucketIndex, final long bucketUnits, final long reservedMinor, final long validityEndMs,
        final int flags)
    {
        line("UnitsReserved session=" + sessionId + " rg=" + ratingGroup + " granted=" + grantedUnits +
            (bucketIndex >= 0 ? " bucket=" + bucketIndex : " held=" + money(reservedMinor)) + " price=" +
            money(priceMinor) + "/" + quantumUnits + " tariff=" + tariffId +
            ((flags & RESERVE_FINAL) != 0 ? " FINAL" : "") + ((flags & RESERVE_STARVED) != 0 ? " REFUSED" : "") +
            (validityEndMs > 0 ? " until=" + Instant.ofEpochMilli(validityEndMs) : ""));
    }

    @Override
    public void usageCommitted(final long sessionId, final long ratingGroup, final long usedUnits,
        final long counterAfter, final int bucketIndex, final long bucketReleasedUnits,
        final long bucketConsumedUnits, final long bucketExpiredUnits, final long releasedMinor,
        final long chargedMinor, final long paidUnitsAfter, final long overageUnits, final int tierPeriod,
        final int reportingReason)
    {
        line("UsageCommitted session=" + sessionId + " rg=" + ratingGroup + " used=" + usedUnits + " charged=" +
            money(chargedMinor) + " released=" + money(releasedMinor) +
            (bucketIndex >= 0 ? " bucket=" + bucketIndex + " consumed=" + bucketConsumedUnits : "") +
            (bucketExpiredUnits > 0 ? " expired=" + bucketExpiredUnits : "") +
            (overageUnits > 0 ? " overage=" + overageUnits : "") + " paidUnits=" + paidUnitsAfter +
            (counterAfter > 0 ? " counter=" + counterAfter : "") + " reason=" + reportingReason);
    }

    @Override
    public void reservationReleased(final long sessionId, final long ratingGroup, final int bucketIndex,
        final long bucketReleasedUnits, final long bucketExpiredUnits, final long releasedMinor, final int reason)
    {
        final SessionEndReason why = SessionEndReason.fromCode(reason);
        line("ReservationReleased session=" + sessionId + " rg=" + ratingGroup + " released=" + money(releasedMinor) +
            (bucketIndex >= 0 ? " bucket=" + bucketIndex + " units=" + bucketReleasedUnits : "") +
            (bucketExpiredUnits > 0 ? " expired=" + bucketExpiredUnits : "") +
            " reason=" + (why == null ? "re-reserve" : why.name()));
    }

    @Override
    public void sessionClosed(final long sessionId, final int state, final int reason, final long retainUntilMs)
    {
        line("SessionClosed session=" + sessionId + " " + (state == SESSION_TOMBSTONE ? "tombstone" : "closed") +
            " reason=" + SessionEndReason.fromCode(reason) + " until=" + Instant.ofEpochMilli(retainUntilMs));
    }

    @Override
    public void sessionRemoved(final long sessionId)
    {
        line("SessionRemoved session=" + sessionId);
    }

    @Override
    public void sessionRenamed(final long sessionId, final boolean cumulativeUsage, final long originKey,
        final long supervisionMs, final long deadlineMs, final DirectBuffer keyBuffer, final int keyOffset,
        final int keyLength)
    {
        line("SessionRenamed session=" + sessionId + " key=" + text(keyBuffer, keyOffset, keyLength) +
            (cumulativeUsage ? " radius" : "") + " origin=" + originKey);
    }

    @Override
    public void answered(final long sessionId, final long requestNumber, final long deadlineMs,
        final DirectBuffer buffer, final int offset, final int length)
    {
        if (printing)
        {
            final StringBuilder sb = new StringBuilder("Answered session=").append(sessionId)
                .append(" request=").append(requestNumber).append(' ');
            ResultCodec.appendTo(buffer, offset, length, sb);
            line(sb.toString());
        }
    }

    @Override
    public void directCharged(final int accountIndex, final long ratingGroup, final long units, final int bucketIndex,
        final long bucketUnits, final long chargedMinor, final int tierPeriod)
    {
        line("DirectCharged account=" + accountIndex + " rg=" + ratingGroup + " units=" + units + " charged=" +
            money(chargedMinor) + (bucketIndex >= 0 ? " bucket=" + bucketIndex : ""));
    }

    @Override
    public void idempotencyRecorded(final int accountIndex, final long amountMinor, final long expiresAtMs,
        final DirectBuffer buffer, final int offset, final int length)
    {
        line("IdempotencyRecorded account=" + accountIndex + " key=" + text(buffer, offset, length));
    }

    @Override
    public void idempotencyPurged(final long nowMs)
    {
        line("IdempotencyPurged before=" + Instant.ofEpochMilli(nowMs));
    }

    @Override
    public void unratedRecorded(final DirectBuffer buffer, final int offset, final int length)
    {
        line("UnratedRecorded " + text(buffer, offset, length));
    }

    @Override
    public void eventAnswerRecorded(final long requestNumber, final long expiresAtMs, final DirectBuffer keyBuffer,
        final int keyOffset, final int keyLength, final DirectBuffer answerBuffer, final int answerOffset,
        final int answerLength)
    {
        line("EventAnswerRecorded session=" + text(keyBuffer, keyOffset, keyLength) + " number=" + requestNumber +
            " until=" + Instant.ofEpochMilli(expiresAtMs) + " answer=" + answerLength + "B");
    }

    @Override
    public void eventAnswersPurged(final long nowMs, final int evictOldest)
    {
        line("EventAnswersPurged before=" + Instant.ofEpochMilli(nowMs) +
            (evictOldest > 0 ? " evictOldest=" + evictOldest : ""));
    }

    @Override
    public void bucketUnitsConsumed(
        final long sessionId, final long ratingGroup, final int bucketIndex, final long units)
    {
        line("BucketUnitsConsumed session=" + sessionId + " rg=" + ratingGroup + " bucket=" + bucketIndex +
            " consumed=" + units);
    }

    @Override
    public void originEpochAdvanced(final long originKey, final long boundarySessionId)
    {
        line("OriginEpochAdvanced origin=" + originKey + " fromSession=" + boundarySessionId);
    }
}
