package io.gyro.server.test;

import io.gyro.ledger.AccountView;
import io.gyro.ledger.BucketView;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.SessionView;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Money checks on the server's ledger after a scenario.
 * <p>
 * {@link #assertCountersConsistent} is bookkeeping: the account's counters agree with each other and the reserved
 * counter agrees with what the open sessions hold. Every charge moves balance and consumed together, so it cannot
 * see a double charge, a lost charge or a wrong price. {@link #assertCharged} can: it compares the account with an
 * amount the test computed itself from what it reported and the tariff it configured ({@link #chargeMinor}), never
 * with the server's own arithmetic.
 */
public final class Invariants
{
    private Invariants()
    {
    }

    /**
     * Bookkeeping only (ARCHITECTURE.md §3): credited = available + reserved + consumed, available = balance +
     * credit limit - reserved, per bucket credited = balance + consumed + expired; and reserved equals the sum the
     * account's sessions hold, read from the ledger's session list (a count independent of the account counter, so
     * a reservation leaked or released twice shows here).
     *
     * @param server  the running server.
     * @param msisdns accounts the scenario touched.
     */
    public static void assertCountersConsistent(final TestServer server, final String... msisdns)
    {
        for (final String msisdn : msisdns)
        {
            final AccountView account = server.account(msisdn);
            assertNotNull(account, msisdn);
            assertEquals(account.balanceMinor() + account.creditLimitMinor() - account.reservedMinor(),
                account.availableMinor(), "available = balance + credit limit - reserved for " + msisdn);
            assertEquals(account.creditedMinor(),
                account.availableMinor() + account.reservedMinor() + account.consumedMinor(),
                "credited = available + reserved + consumed for " + msisdn);
            for (final BucketView bucket : account.buckets())
            {
                assertEquals(bucket.creditedUnits(),
                    bucket.balanceUnits() + bucket.consumedUnits() + bucket.expiredUnits(),
                    "bucket credited = balance + consumed + expired for " + msisdn);
            }
            assertEquals(sessionHeldMinor(server, account), account.reservedMinor(),
                "reserved = what the account's sessions hold for " + msisdn);
        }
    }

    /**
     * The money oracle: the account was charged exactly {@code expectedChargeMinor} since it was created with
     * {@code openingMinor}, with {@code creditsMinor} of top-ups and refunds in between. Reservations do not count:
     * they are held from available, not taken from balance. Also checks {@link #assertCountersConsistent}.
     *
     * @param server              the running server.
     * @param msisdn              the account.
     * @param openingMinor        its balance when created (demo: {@link BundledTariffs#DEMO_OPENING_MINOR}).
     * @param creditsMinor        top-ups and refunds the test made.
     * @param expectedChargeMinor what the test computed it should have been charged, e.g. with {@link #chargeMinor}.
     */
    public static void assertCharged(final TestServer server, final String msisdn, final long openingMinor,
        final long creditsMinor, final long expectedChargeMinor)
    {
        final AccountView account = server.account(msisdn);
        assertNotNull(account, msisdn);
        assertEquals(openingMinor + creditsMinor, account.creditedMinor() - account.creditLimitMinor(),
            "credited = opening + credits for " + msisdn);
        assertEquals(expectedChargeMinor, account.consumedMinor(), "charged for " + msisdn);
        assertEquals(openingMinor + creditsMinor - expectedChargeMinor, account.balanceMinor(),
            "balance = opening + credits - expected charge for " + msisdn);
        assertCountersConsistent(server, msisdn);
    }

    /**
     * A charge computed by the test, not by the server: every started quantum at the price (the tariffs' rule,
     * docs/configuration.md).
     *
     * @param units        units used.
     * @param quantumUnits the tariff's quantum.
     * @param priceMinor   the tariff's price per quantum.
     * @return ceil(units / quantum) x price.
     */
    public static long chargeMinor(final long units, final long quantumUnits, final long priceMinor)
    {
        return Math.multiplyExact((units + quantumUnits - 1) / quantumUnits, priceMinor);
    }

    /**
     * @param server  the running server.
     * @param account the account.
     * @return the sum of reservedMinor over the account's sessions in the ledger's session list.
     */
    public static long sessionHeldMinor(final TestServer server, final AccountView account)
    {
        @SuppressWarnings("unchecked")
        final List<SessionView> sessions = (List<SessionView>)server.ledger(command ->
        {
            command.type = CommandType.LIST_SESSIONS;
            command.accountId = account.accountId();
        }).payload();
        long held = 0;
        for (final SessionView session : sessions)
        {
            held += session.reservedMinor();
        }
        return held;
    }
}
