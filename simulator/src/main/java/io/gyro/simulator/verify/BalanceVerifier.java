package io.gyro.simulator.verify;

import io.gyro.simulator.SubscriberRange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Money conservation, end to end. Before the run: read the opening balance of every subscriber the run may touch.
 * After it: for every subscriber touched, expected balance = opening - what the simulator reported as used and had
 * accepted, rated with the tariffs ({@link ExpectedCharges}); compare with the server's balance, and require that
 * nothing is still reserved and no session was left open.
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
     * Compare after the run.
     *
     * @param opening          from {@link #readOpening(int)}.
     * @param charges          what the run expects to have been charged.
     * @param sessionsLeftOpen sessions ended without the server confirming.
     * @return the outcome.
     */
    public VerificationResult verify(
        final SubscriberBalance[] opening, final ExpectedCharges charges, final long sessionsLeftOpen)
    {
        final List<Integer> touched = new ArrayList<>();
        final List<String> msisdns = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();
        final List<String> uncertain = new ArrayList<>();
        for (int i = 0; i < range.count(); i++)
        {
            if (!charges.isTouched(i))
            {
                continue;
            }
            final String msisdn = Long.toString(range.msisdn(i));
            if (charges.isUncertain(i))
            {
                uncertain.add(msisdn);
            }
            if (i >= opening.length || null == opening[i])
            {
                unknown.add(msisdn);
                continue;
            }
            touched.add(i);
            msisdns.add(msisdn);
        }

        final List<VerificationResult.Difference> differences = new ArrayList<>();
        final List<VerificationResult.Difference> reserved = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        long expectedTotal = 0;
        try
        {
            final SubscriberBalance[] closing = source.balances(msisdns, concurrency);
            for (int k = 0; k < closing.length; k++)
            {
                final int index = touched.get(k);
                final long charged = charges.costMinor(index);
                expectedTotal += charged;
                if (null == closing[k])
                {
                    unknown.add(msisdns.get(k));
                    continue;
                }
                final long openingMinor = opening[index].balanceMinor();
                final long expected = openingMinor - charged;
                final VerificationResult.Difference line = new VerificationResult.Difference(msisdns.get(k),
                    openingMinor, charged, expected, closing[k].balanceMinor(), closing[k].reservedMinor(),
                    charges.isUncertain(index));
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
        return new VerificationResult(msisdns.size(), expectedTotal, differences, reserved, unknown, uncertain,
            sessionsLeftOpen, errors);
    }
}
