package io.gyro.config.model;

import java.util.List;

/**
 * Demo data loaded into an empty ledger at first start, so the server can be tried at once.
 *
 * @param enabled     whether demo data is created.
 * @param subscribers the generated range of subscribers.
 * @param accounts    extra accounts with explicit values.
 */
public record DemoConfiguration(boolean enabled, DemoSubscribers subscribers, List<DemoAccount> accounts)
{
    /** Copies the list so the record stays immutable. */
    public DemoConfiguration
    {
        accounts = List.copyOf(accounts);
    }
}
