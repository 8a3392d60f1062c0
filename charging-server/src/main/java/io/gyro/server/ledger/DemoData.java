package io.gyro.server.ledger;

import io.gyro.config.model.DemoAccount;
import io.gyro.config.model.DemoConfiguration;
import io.gyro.config.model.DemoSubscribers;
import io.gyro.ledger.AccountSpec;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Creates the demo subscribers of the bundled configuration in an empty ledger (issue 4: MSISDN
 * 491700000000 + i, IMSI 262010000000000 + i, 100.00 each, RADIUS password {@code gyro-demo}; plus the explicit edge
 * case accounts). Every account is a journaled CREATE_ACCOUNT command, so a restart finds them in the journal and
 * loads nothing twice.
 */
public final class DemoData
{
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    /** Commands in flight while loading: enough to keep the ring busy, far below its size. */
    private static final int WINDOW = 4096;

    private DemoData()
    {
    }

    /**
     * @param ledger the gateway, with the ledger started.
     * @param demo   the demo configuration.
     * @param nowMs  timestamp stamped on the commands.
     * @return number of accounts created (0 when the demo is off or already loaded).
     */
    public static int loadIfEmpty(final LedgerGateway ledger, final DemoConfiguration demo, final long nowMs)
    {
        if (!demo.enabled() || isLoaded(ledger, demo, nowMs))
        {
            return 0;
        }
        final long started = System.nanoTime();
        final ArrayDeque<CompletableFuture<CommandOutcome>> inFlight = new ArrayDeque<>();
        int created = 0;
        final DemoSubscribers subscribers = demo.subscribers();
        for (int i = 0; i < subscribers.count(); i++)
        {
            final AccountSpec spec = new AccountSpec()
                .identity(IdentityType.E164, Long.toString(subscribers.msisdnStart() + i))
                .identity(IdentityType.IMSI, Long.toString(subscribers.imsiStart() + i))
                .openingBalanceMinor(subscribers.balanceMinor());
            if (null != subscribers.password())
            {
                spec.credential(subscribers.password().utf8Bytes());
            }
            created += submit(ledger, spec, nowMs, inFlight);
        }
        for (final DemoAccount account : demo.accounts())
        {
            final AccountSpec spec = new AccountSpec()
                .identity(IdentityType.E164, account.msisdn())
                .openingBalanceMinor(account.balanceMinor())
                .creditLimitMinor(account.creditLimitMinor())
                .lowBalanceThresholdMinor(account.lowBalanceThresholdMinor());
            if (null != account.imsi())
            {
                spec.identity(IdentityType.IMSI, account.imsi());
            }
            if (null != account.password())
            {
                spec.credential(account.password().utf8Bytes());
            }
            created += submit(ledger, spec, nowMs, inFlight);
        }
        while (!inFlight.isEmpty())
        {
            created += check(inFlight.poll().join());
        }
        LOG.info("created {} demo accounts in {} ms", created, (System.nanoTime() - started) / 1_000_000);
        return created;
    }

    private static int submit(
        final LedgerGateway ledger,
        final AccountSpec spec,
        final long nowMs,
        final ArrayDeque<CompletableFuture<CommandOutcome>> inFlight)
    {
        int created = 0;
        if (inFlight.size() >= WINDOW)
        {
            created = check(inFlight.poll().join());
        }
        inFlight.add(ledger.call(Priority.INTERNAL, command ->
        {
            command.type = CommandType.CREATE_ACCOUNT;
            command.timestampMs = nowMs;
            command.payload = spec;
        }));
        return created;
    }

    private static int check(final CommandOutcome outcome)
    {
        if (LedgerResult.SUCCESS == outcome.result())
        {
            return 1;
        }
        LOG.warn("demo account not created: {}", outcome.result());
        return 0;
    }

    private static boolean isLoaded(final LedgerGateway ledger, final DemoConfiguration demo, final long nowMs)
    {
        final String probe = demo.subscribers().count() > 0 ?
            Long.toString(demo.subscribers().msisdnStart()) :
            demo.accounts().isEmpty() ? null : demo.accounts().get(0).msisdn();
        if (null == probe)
        {
            return true;
        }
        final CommandOutcome outcome = ledger.call(Priority.INTERNAL, command ->
        {
            command.type = CommandType.GET_ACCOUNT;
            command.timestampMs = nowMs;
            command.addIdentity(IdentityType.E164, probe);
        }).join();
        return LedgerResult.SUCCESS == outcome.result();
    }
}
