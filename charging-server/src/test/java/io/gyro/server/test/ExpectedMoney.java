package io.gyro.server.test;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a test expects each account it watches to have been credited and charged, kept by the test itself from the
 * tariff and the usage it reported (never read back from the server), and checked with
 * {@link Invariants#assertCharged}. An account the test watches but never charges is expected to be charged
 * nothing, so a charge landing on a bystander shows too.
 */
public final class ExpectedMoney
{
    private final Map<String, long[]> accounts = new LinkedHashMap<>();

    /**
     * Watch an account.
     *
     * @param msisdn       the account.
     * @param openingMinor its balance when created.
     * @return this.
     */
    public ExpectedMoney watch(final String msisdn, final long openingMinor)
    {
        accounts.put(msisdn, new long[] {openingMinor, 0, 0});
        return this;
    }

    /**
     * @param msisdn      a watched account.
     * @param amountMinor a top-up or refund the test made.
     */
    public void credit(final String msisdn, final long amountMinor)
    {
        entry(msisdn)[1] += amountMinor;
    }

    /**
     * @param msisdn      a watched account.
     * @param amountMinor a charge the test computed from the tariff and the usage it reported.
     */
    public void charge(final String msisdn, final long amountMinor)
    {
        entry(msisdn)[2] += amountMinor;
    }

    /**
     * @param msisdn a watched account.
     * @return opening + credits - charges: the balance the account must have now.
     */
    public long balanceMinor(final String msisdn)
    {
        final long[] entry = entry(msisdn);
        return entry[0] + entry[1] - entry[2];
    }

    /**
     * {@link Invariants#assertCharged} for every watched account.
     *
     * @param server the running server.
     */
    public void assertAll(final TestServer server)
    {
        for (final Map.Entry<String, long[]> account : accounts.entrySet())
        {
            final long[] entry = account.getValue();
            Invariants.assertCharged(server, account.getKey(), entry[0], entry[1], entry[2]);
        }
    }

    private long[] entry(final String msisdn)
    {
        final long[] entry = accounts.get(msisdn);
        if (null == entry)
        {
            throw new IllegalArgumentException("not watched: " + msisdn);
        }
        return entry;
    }
}
