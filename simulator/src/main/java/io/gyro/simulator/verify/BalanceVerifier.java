package io.gyro.simulator.verify;

import io.gyro.simulator.SubscriberRange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Money conservation, end to end. Before the run: read the opening balance of every subscriber the run may touch.
 * After it, for every subscriber read: expected balance = opening - what the simulator reported as used and had
 * accepted, rated with the tariffs ({@link ExpectedCharges}), which is the opening balance itself for a subscriber no
 * session used; compare with the server's balance, and require that nothing is still reserved and no session was left
 * open. A run that opened (almost) no session or expected no charge is reported as vacuous, not as passed
 * ({@link VerificationResult#status()}).
 */
public final class BalanceVerifier
{
    private final BalanceSource source;
    private final SubscriberRange range;
    private final int concurrency;

    /**
     * @param source      where balances come from.
     * @param range       the run's subscribers.
     * @param concurrency most reads in flight.
     */
    public BalanceVerifier(final BalanceSource source, final SubscriberRange range, final int concurrency)
    {
        this.source = source;
        this.range = range;
        this.concurrency = concurrency;
    }

    /**
     * Read the opening balances of the first {@code count} subscribers of the range.
     *
     * @param count subscribers to read (the run cannot touch any beyond them).
     * @return balances by index, null where the server does not know the subscriber.
     * @throws IOException when the source fails.
     */
    public SubscriberBalance[] readOpening(final int count) throws IOException
    {
        final List<String> msisdns = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            msisdns.add(Long.toString(range.msisdn(i)));
        }
        return source.balances(msisdns, concurrency);
    }

    /**
     * Compare after the run. Every subscriber with an opening balance is read again, not only the touched ones: a
     * charge booked on the wrong subscriber (an index mix-up, a colliding session key) lands on one the run did not
     * use, and only its unchanged balance can show it (audit C6).
     *
     * @param opening          from {@link #readOpening(int)}.
     * @param charges          what the run expects to have been charged.
     * @param sessionsLeftOpen sessions ended without the server confirming.
     * @return the outcome.
     */
    public VerificationResult verify(
        final SubscriberBalance[] opening, final ExpectedCharges charges, final long sessionsLeftOpen)
    {
        final List<Integer> checked = new ArrayList<>();
        final List<String> msisdns = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();
        final List<String> uncertain = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        for (int i = 0; i < range.count(); i++)
        {
            final boolean touched = charges.isTouched(i);
            final boolean known = i < opening.length && null != opening[i];
            final String msisdn = Long.toString(range.msisdn(i));
            if (touched && charges.isUncertain(i))
            {
                uncertain.add(msisdn);
            }
            if (!known)
            {
                // Untouched and unknown (or never read): nothing to compare and nothing the run could have done.
                if (touched)
                {
                    unknown.add(msisdn);
                    if (0 != charges.costMinor(i))
                    {
                        // The server refused a subscriber it does not know, so the run cannot have charged it: an
                        // expected charge here means the simulator counted a refused session as served.
                        errors.add("expected a charge of " + charges.costMinor(i) + " minor units for " + msisdn +
                            ", whom the server does not know");
                    }
                }
                continue;
            }
            checked.add(i);
            msisdns.add(msisdn);
        }

        final List<VerificationResult.Difference> differences = new ArrayList<>();
        final List<VerificationResult.Difference> untouchedChanged = new ArrayList<>();
        final List<VerificationResult.Difference> reserved = new ArrayList<>();
        long expectedTotal = 0;
        int charged = 0;
        try
        {
            final SubscriberBalance[] closing = source.balances(msisdns, concurrency);
            for (int k = 0; k < closing.length; k++)
            {
                final int index = checked.get(k);
                final long cost = charges.costMinor(index);
                expectedTotal += cost;
                if (0 != cost)
                {
                    charged++;
                }
                if (null == closing[k])
                {
                    unknown.add(msisdns.get(k));
                    continue;
                }
                final long openingMinor = opening[index].balanceMinor();
                final long expected = openingMinor - cost;
                final VerificationResult.Difference line = new VerificationResult.Difference(msisdns.get(k),
                    openingMinor, cost, expected, closing[k].balanceMinor(), closing[k].reservedMinor(),
                    charges.isUncertain(index));
                if (!charges.isTouched(index))
                {
                    // No session of this run used it: its balance must not move, and it must not hold more than it
                    // did (a reservation left from an earlier run may still be there, or may have been released).
                    if (closing[k].balanceMinor() != openingMinor ||
                        closing[k].reservedMinor() > opening[index].reservedMinor())
                    {
                        untouchedChanged.add(line);
                    }
                    continue;
                }
                if (closing[k].balanceMinor() != expected)
                {
                    differences.add(line);
                }
                if (0 != closing[k].reservedMinor())
                {
                    reserved.add(line);
                }
            }
        }
        catch (final IOException ex)
        {
            errors.add("reading closing balances: " + ex.getMessage());
        }
        return new VerificationResult(msisdns.size(), charged, expectedTotal, charges.sessionsStarted(),
            charges.sessionsOpened(), differences, untouchedChanged, reserved, unknown, uncertain, sessionsLeftOpen,
            errors);
    }
}
