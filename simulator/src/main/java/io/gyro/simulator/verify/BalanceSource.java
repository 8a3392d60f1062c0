package io.gyro.simulator.verify;

import java.io.IOException;
import java.util.List;

/** Where verification reads balances: the server's admin API in a real run, an in-memory model in tests. */
public interface BalanceSource
{
    /**
     * @param msisdn the subscriber's MSISDN, digits only.
     * @return the balance, or null when the subscriber is unknown.
     * @throws IOException when the source cannot answer.
     */
    SubscriberBalance balance(String msisdn) throws IOException;

    /**
     * Read many balances; sources that can overlap requests override this.
     *
     * @param msisdns     subscribers to read.
     * @param concurrency most reads in flight.
     * @return balances in the same order, null for unknown subscribers.
     * @throws IOException when any read fails.
     */
    default SubscriberBalance[] balances(final List<String> msisdns, final int concurrency) throws IOException
    {
        final SubscriberBalance[] out = new SubscriberBalance[msisdns.size()];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = balance(msisdns.get(i));
        }
        return out;
    }
}
