package io.gyro.server.test;

import io.gyro.ledger.AccountView;
import io.gyro.ledger.BucketView;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The conservation invariant (ARCHITECTURE.md §3), checked through the server's ledger after a scenario:
 * credited (opening + credit limit + top-ups + refunds) = available + reserved + consumed, available = balance +
 * credit limit - reserved; per bucket credited = balance + consumed + expired.
 */
public final class Invariants
{
    private Invariants()
    {
    }

    /**
     * @param server    the running server.
     * @param msisdns   accounts the scenario touched.
     */
    public static void assertConserved(final TestServer server, final String... msisdns)
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
        }
    }
}
