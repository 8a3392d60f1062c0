package io.gyro.ledger.testing;

import io.gyro.ledger.CommandType;
import io.gyro.ledger.LedgerAudit;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.ServiceRequest;
import io.gyro.ledger.ServiceResult;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.rating.TariffTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A money oracle independent of the ledger's counters, for generated workloads where no exact expected balance is
 * known. {@link ConservationInvariant} cannot see a wrong charge: every charge moves balance and consumed together,
 * so its money line holds for any amount. This one checks two things the counters do not decide:
 * <ol>
 *     <li><b>What was answered is what was booked.</b> Per account, the consumed counter equals the sum of the
 *     {@code chargedMinor} of every answer the driver received (plus debits by amount it was told succeeded),
 *     replayed answers excluded. A charge applied twice, applied without being answered, re-applied by a retransmission
 *     or by recovery, or booked on another account breaks it.</li>
 *     <li><b>No report costs more than a tariff allows.</b> For every Diameter usage report and every direct debit,
 *     {@code chargedMinor <= ceil(units / quantum) x highest price}, computed here from the request's units and every
 *     tariff the workload has set for its rating group (the ledger prices a report at the tariff of the grant it
 *     uses, which may be an older one, and the answer names the tariff of the next grant). The ledger may charge less
 *     (buckets pay first; an earlier report may have paid a started quantum, a cheaper band or tier), never more, so
 *     an overpricing (a doubled charge, a wrong quantum) breaks it. To be sure this is not vacuous,
 *     {@link #sensitiveChecks()} counts the charges that, doubled, would have broken it.</li>
 * </ol>
 * RADIUS reports (cumulative counters) are left to the first check: their units per report are the ledger's own
 * difference of counters. Feed it every command, including SET_TARIFFS.
 */
public final class AnsweredCharges
{
    private long[] consumedMinor = new long[1024];
    private final List<String> problems = new ArrayList<>();
    private final List<TariffTable> tables = new ArrayList<>();
    /** Per rating group of a request: {quantum, highest price} of every tariff any table rated it with. */
    private final Map<Long, List<long[]>> ratesByRatingGroup = new HashMap<>();
    private long boundChecks;
    private long sensitiveChecks;
    private long totalMinor;

    /**
     * Take in one processed command and its answer.
     *
     * @param cmd   the command after {@code process}.
     * @param index its position in the workload, for messages.
     */
    public void record(final LedgerCommand cmd, final long index)
    {
        if (cmd.type == CommandType.SET_TARIFFS && cmd.result == LedgerResult.SUCCESS &&
            cmd.payload instanceof TariffTable)
        {
            tableSet((TariffTable)cmd.payload);
            return;
        }
        if (cmd.duplicate || cmd.type == CommandType.PRICE_ENQUIRY)
        {
            // A replayed answer repeats a charge made once; a price enquiry quotes a charge it does not make.
            return;
        }
        long charged = 0;
        for (int i = 0; i < cmd.serviceCount; i++)
        {
            final ServiceResult res = cmd.serviceResults[i];
            if (res.chargedMinor == 0)
            {
                continue;
            }
            charged += res.chargedMinor;
            final long units = reportedUnits(cmd, cmd.services[i]);
            if (units > 0)
            {
                bound(res.chargedMinor, units, cmd.services[i].ratingGroup, cmd, index);
            }
        }
        if (cmd.type == CommandType.DIRECT_DEBIT && cmd.serviceCount == 0 && cmd.result == LedgerResult.SUCCESS)
        {
            charged += cmd.amountMinor;
        }
        if (charged == 0)
        {
            return;
        }
        if (cmd.accountId <= 0 || cmd.accountId > Integer.MAX_VALUE)
        {
            problems.add("command " + index + " (" + cmd.type + ") charged " + charged + " but names no account");
            return;
        }
        final int account = (int)cmd.accountId;
        if (account >= consumedMinor.length)
        {
            consumedMinor = Arrays.copyOf(consumedMinor, Math.max(account + 1, consumedMinor.length * 2));
        }
        consumedMinor[account] += charged;
        totalMinor += charged;
    }

    /** Units the request itself says were used (Diameter) or asked to be debited (event); 0 when it does not say. */
    private static long reportedUnits(final LedgerCommand cmd, final ServiceRequest req)
    {
        if ((cmd.type == CommandType.UPDATE || cmd.type == CommandType.TERMINATE) && !cmd.cumulativeUsage)
        {
            return req.usedUnits;
        }
        if (cmd.type == CommandType.DIRECT_DEBIT)
        {
            return req.requestedUnits;
        }
        return 0;
    }

    private void tableSet(final TariffTable table)
    {
        tables.add(table);
        for (final Map.Entry<Long, List<long[]>> entry : ratesByRatingGroup.entrySet())
        {
            addRate(entry.getValue(), table.lookup(entry.getKey()));
        }
    }

    private static void addRate(final List<long[]> rates, final Tariff tariff)
    {
        if (tariff == null)
        {
            return;
        }
        long maxPrice = 0;
        for (int band = 0; band < tariff.bandCount(); band++)
        {
            for (int tier = 0; tier < tariff.tierCount(); tier++)
            {
                maxPrice = Math.max(maxPrice, tariff.pricePerQuantumMinor(band, tier));
            }
        }
        for (final long[] rate : rates)
        {
            if (rate[0] == tariff.quantumUnits() && rate[1] == maxPrice)
            {
                return;
            }
        }
        rates.add(new long[]{tariff.quantumUnits(), maxPrice});
    }

    private List<long[]> rates(final long ratingGroup)
    {
        return ratesByRatingGroup.computeIfAbsent(ratingGroup, rg ->
        {
            final List<long[]> rates = new ArrayList<>();
            for (final TariffTable table : tables)
            {
                addRate(rates, table.lookup(rg));
            }
            return rates;
        });
    }

    private void bound(final long charged, final long units, final long ratingGroup, final LedgerCommand cmd,
        final long index)
    {
        final List<long[]> rates = rates(ratingGroup);
        if (rates.isEmpty())
        {
            problems.add("command " + index + " (" + cmd.type + "): charged " + charged + " on rating group " +
                ratingGroup + ", which no tariff rates");
            return;
        }
        long most = 0;
        for (final long[] rate : rates)
        {
            final long quanta = units / rate[0] + (units % rate[0] == 0 ? 0 : 1);
            most = Math.max(most, Math.multiplyExact(quanta, rate[1]));
        }
        boundChecks++;
        if (charged > most)
        {
            problems.add("command " + index + " (" + cmd.type + "): " + units + " units on rating group " +
                ratingGroup + " charged " + charged + ", at most " + most + " at any tariff set");
        }
        else if (2 * charged > most)
        {
            sensitiveChecks++;
        }
    }

    /** @return charges compared with their tariff's bound. */
    public long boundChecks()
    {
        return boundChecks;
    }

    /** @return charges more than half their bound: evidence that the bound would see one charged twice. */
    public long sensitiveChecks()
    {
        return sensitiveChecks;
    }

    /** @return money the answers said was charged, over every account. */
    public long totalMinor()
    {
        return totalMinor;
    }

    /**
     * @param audit the ledger's counters after the same commands (or after recovering them).
     * @return every problem: overpriced answers, and accounts whose consumed counter is not what was answered.
     */
    public List<String> violations(final LedgerAudit audit)
    {
        final List<String> out = new ArrayList<>(problems);
        for (int a = 1; a < Math.max(audit.accountExists.length, consumedMinor.length); a++)
        {
            final long answered = a < consumedMinor.length ? consumedMinor[a] : 0;
            final boolean exists = a < audit.accountExists.length && audit.accountExists[a];
            final long booked = exists ? audit.consumedMinor[a] : 0;
            if (answered != booked)
            {
                out.add("account " + a + ": consumed " + booked + (exists ? "" : " (no such account)") +
                    " but the answers charged " + answered);
            }
        }
        return out;
    }

    /**
     * @param audit the ledger's counters.
     * @throws AssertionError listing the first problems.
     */
    public void assertMatches(final LedgerAudit audit)
    {
        final List<String> out = violations(audit);
        if (!out.isEmpty())
        {
            throw new AssertionError(out.size() + " money problems between answers and counters:\n  " +
                String.join("\n  ", out.subList(0, Math.min(20, out.size()))));
        }
    }
}
