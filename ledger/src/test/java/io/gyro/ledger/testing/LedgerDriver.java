package io.gyro.ledger.testing;

import io.gyro.ledger.AccountSpec;
import io.gyro.ledger.BucketSpec;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.LedgerStateMachine;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.rating.TariffTable;
import org.agrona.concurrent.CachedEpochClock;

/**
 * Builds commands for a bare {@link LedgerStateMachine} with an adjustable clock, so tests read as sentences and
 * never wait on real time. Each call returns a fresh command holding its results.
 */
public final class LedgerDriver
{
    /** 2026-01-15T10:00:00Z: a fixed, mid-month start time. */
    public static final long START_MS = 1_768_471_200_000L;

    /** The state machine driven. */
    public final LedgerStateMachine ledger;
    /** The ingress clock. */
    public final CachedEpochClock clock = new CachedEpochClock();

    /**
     * @param ledger state machine.
     */
    public LedgerDriver(final LedgerStateMachine ledger)
    {
        this.ledger = ledger;
        clock.update(START_MS);
    }

    /**
     * @param ms milliseconds to move the clock forward.
     */
    public void advance(final long ms)
    {
        clock.advance(ms);
    }

    /**
     * @param type command type.
     * @return a fresh command stamped with the clock.
     */
    public LedgerCommand command(final CommandType type)
    {
        final LedgerCommand cmd = new LedgerCommand().reset();
        cmd.type = type;
        cmd.timestampMs = clock.time();
        return cmd;
    }

    /**
     * @param cmd command to process.
     * @return the same command, with results.
     */
    public LedgerCommand run(final LedgerCommand cmd)
    {
        ledger.process(cmd);
        return cmd;
    }

    /**
     * @param tariffs tariffs.
     * @return the processed command.
     */
    public LedgerCommand setTariffs(final Tariff... tariffs)
    {
        final TariffTable.Builder table = TariffTable.builder();
        for (final Tariff t : tariffs)
        {
            table.tariff(t);
        }
        final LedgerCommand cmd = command(CommandType.SET_TARIFFS);
        cmd.payload = table.build();
        return run(cmd);
    }

    /**
     * Create an account with one MSISDN.
     *
     * @param msisdn      E.164 digits.
     * @param balance     opening balance.
     * @param creditLimit credit limit.
     * @param buckets     buckets.
     * @return the account id.
     */
    public long createAccount(final String msisdn, final long balance, final long creditLimit,
        final BucketSpec... buckets)
    {
        final AccountSpec spec = new AccountSpec().identity(IdentityType.E164, msisdn)
            .openingBalanceMinor(balance).creditLimitMinor(creditLimit);
        for (final BucketSpec b : buckets)
        {
            spec.bucket(b);
        }
        final LedgerCommand cmd = command(CommandType.CREATE_ACCOUNT);
        cmd.payload = spec;
        run(cmd);
        if (cmd.result != LedgerResult.SUCCESS)
        {
            throw new AssertionError("create account failed: " + cmd.result);
        }
        return cmd.accountId;
    }

    /**
     * A RESERVE (CCR-I) for one rating group.
     *
     * @param key       session key.
     * @param number    request number.
     * @param msisdn    subscriber.
     * @param rg        rating group.
     * @param requested requested units (-1 none, 0 default).
     * @return the processed command.
     */
    public LedgerCommand reserve(final String key, final long number, final String msisdn, final long rg,
        final long requested)
    {
        final LedgerCommand cmd = session(CommandType.RESERVE, key, number);
        cmd.addIdentity(IdentityType.E164, msisdn);
        cmd.addService(rg, requested, -1);
        return run(cmd);
    }

    /**
     * An UPDATE (CCR-U) for one rating group.
     *
     * @param key       session key.
     * @param number    request number.
     * @param rg        rating group.
     * @param used      used units (-1 none).
     * @param requested requested units (-1 none, 0 default).
     * @return the processed command.
     */
    public LedgerCommand update(final String key, final long number, final long rg, final long used,
        final long requested)
    {
        final LedgerCommand cmd = session(CommandType.UPDATE, key, number);
        cmd.addService(rg, requested, used);
        return run(cmd);
    }

    /**
     * A TERMINATE (CCR-T) for one rating group.
     *
     * @param key    session key.
     * @param number request number.
     * @param rg     rating group.
     * @param used   used units (-1 none).
     * @return the processed command.
     */
    public LedgerCommand terminate(final String key, final long number, final long rg, final long used)
    {
        final LedgerCommand cmd = session(CommandType.TERMINATE, key, number);
        if (rg != Long.MIN_VALUE)
        {
            cmd.addService(rg, -1, used);
        }
        return run(cmd);
    }

    /**
     * @param type   session command type.
     * @param key    key.
     * @param number request number.
     * @return an unprocessed command with key and number set.
     */
    public LedgerCommand session(final CommandType type, final String key, final long number)
    {
        final LedgerCommand cmd = command(type);
        cmd.sessionKey(key);
        cmd.requestNumber = number;
        return cmd;
    }

    /**
     * @param accountId account.
     * @param amount    amount.
     * @param key       idempotency key or null.
     * @return the processed command.
     */
    public LedgerCommand topUp(final long accountId, final long amount, final String key)
    {
        final LedgerCommand cmd = command(CommandType.TOP_UP);
        cmd.accountId = accountId;
        cmd.amountMinor = amount;
        if (key != null)
        {
            cmd.idempotencyKey(key);
        }
        return run(cmd);
    }

    /**
     * @return the processed TICK at the clock's time.
     */
    public LedgerCommand tick()
    {
        return run(command(CommandType.TICK));
    }

    /**
     * @param accountId account.
     * @return its view.
     */
    public io.gyro.ledger.AccountView account(final long accountId)
    {
        final LedgerCommand cmd = command(CommandType.GET_ACCOUNT);
        cmd.accountId = accountId;
        run(cmd);
        if (cmd.result != LedgerResult.SUCCESS)
        {
            throw new AssertionError("get account " + accountId + " failed: " + cmd.result);
        }
        return (io.gyro.ledger.AccountView)cmd.payload;
    }

    /** Check the conservation invariant now. */
    public void assertConserved()
    {
        ConservationInvariant.assertHolds(ledger.audit());
    }
}
