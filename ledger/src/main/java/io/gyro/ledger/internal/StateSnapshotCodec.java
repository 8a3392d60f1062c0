package io.gyro.ledger.internal;

import io.gyro.ledger.AccountStatus;
import io.gyro.ledger.LedgerLimits;
import io.gyro.ledger.journal.JournalFormatException;
import io.gyro.ledger.journal.SnapshotInput;
import io.gyro.ledger.journal.SnapshotOutput;
import io.gyro.ledger.journal.SnapshotStore;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The state's snapshot body (format version 1), written in a canonical order (accounts and buckets by id,
 * sessions by id) so that a restored state has the same {@code stateHash()} as the one written.
 * <pre>
 * counters: long lastSeq | long lastTime | int nextAccount | int nextBucket | long nextSession | int live
 *           | long unrated
 * tariffs:  int tables | tables x bytes (TariffCodec, in the order they were set)
 * accounts: per id 1..nextAccount-1: int flags | long balance, creditLimit, reserved, credited, consumed,
 *           lowThreshold | int identities | identities x (int type | bytes) in chain order
 *           | bytes credential (length -1 = none) | int tierTriples | triples x (long rg, long period, long units)
 * buckets:  per id: int account | int flags | long rg, expiry, credited, balance, reserved, consumed, expired
 * sessions: int count | per session: long id | bytes key | bytes context | int account | long origin
 *           | int state | int cumulative | long supervision | long lastRequest | bytes answer | long deadline
 *           | int scheduled | int reservations | per reservation: long rg, serviceId, tariffId, price, quantum
 *           | int active | long granted | int bucket | long bucketUnits, reservedMinor, validityEnd
 *           | int flags (1 final, 2 starved) | long used, paid, charged, lastCounter
 * idempotency: int count | per key: bytes key | int account | long amount | long expiresAt
 * event answers (optional, absent from snapshots of earlier Gyros): int count | oldest first: bytes key
 *           | long requestNumber | long expiresAt | bytes answer
 * origin epochs (optional, as above): int count | by origin key: long origin | long boundary session id
 * </pre>
 */
public final class StateSnapshotCodec
{
    /** An answer of 32 services is 48 + 32 x 96 bytes; 64 KiB leaves room for later versions. */
    private static final int MAX_ANSWER_BYTES = 1 << 16;
    /** A tariff table of the maximum size stays well under 16 MiB. */
    private static final int MAX_TARIFF_TABLE_BYTES = 1 << 24;
    /** Credentials are opaque but small (a password hash, a key). */
    private static final int MAX_CREDENTIAL_BYTES = Short.MAX_VALUE;

    private StateSnapshotCodec()
    {
    }

    /**
     * Write the state.
     *
     * @param state state.
     * @param out   destination.
     * @throws IOException on failure.
     */
    public static void write(final LedgerState state, final SnapshotOutput out) throws IOException
    {
        out.putLong(state.lastCommandSeq);
        out.putLong(state.lastTimestampMs);
        out.putInt(state.nextAccountIndex);
        out.putInt(state.nextBucketIndex);
        out.putLong(state.nextSessionId);
        out.putInt(state.liveAccounts);
        out.putLong(state.unratedRecords);

        out.putInt(state.tariffTableBytes.size());
        for (final byte[] table : state.tariffTableBytes)
        {
            out.putBytes(table, 0, table.length);
        }

        final int[] identityTypes = new int[LedgerLimits.MAX_IDENTITIES_PER_ACCOUNT];
        final byte[][] identityBytes = new byte[LedgerLimits.MAX_IDENTITIES_PER_ACCOUNT][];
        final int[] identityCount = {0};
        for (int a = 1; a < state.nextAccountIndex; a++)
        {
            out.putInt(state.flags.get(a));
            out.putLong(state.balance.get(a));
            out.putLong(state.creditLimit.get(a));
            out.putLong(state.reserved.get(a));
            out.putLong(state.credited.get(a));
            out.putLong(state.consumed.get(a));
            out.putLong(state.lowThreshold.get(a));
            identityCount[0] = 0;
            state.identities.forEach(state.firstIdentity.get(a), (type, bytes, length) ->
            {
                final int i = identityCount[0]++;
                identityTypes[i] = type;
                identityBytes[i] = java.util.Arrays.copyOf(bytes, length);
            });
            out.putInt(identityCount[0]);
            for (int i = 0; i < identityCount[0]; i++)
            {
                out.putInt(identityTypes[i]);
                out.putBytes(identityBytes[i], 0, identityBytes[i].length);
            }
            final byte[] credential = state.credentials.get(a);
            if (credential == null)
            {
                out.putInt(-1);
            }
            else
            {
                out.putBytes(credential, 0, credential.length);
            }
            final long[] usage = state.tierUsage.get(a);
            out.putInt(usage == null ? 0 : usage.length / 3);
            if (usage != null)
            {
                for (final long value : usage)
                {
                    out.putLong(value);
                }
            }
        }

        for (int b = 0; b < state.nextBucketIndex; b++)
        {
            out.putInt(state.bucketAccount.get(b));
            out.putInt(state.bucketFlags.get(b));
            out.putLong(state.bucketRatingGroup.get(b));
            out.putLong(state.bucketExpiry.get(b));
            out.putLong(state.bucketCredited.get(b));
            out.putLong(state.bucketBalance.get(b));
            out.putLong(state.bucketReserved.get(b));
            out.putLong(state.bucketConsumed.get(b));
            out.putLong(state.bucketExpired.get(b));
        }

        final SessionTable.Scratch scratch = new SessionTable.Scratch();
        final int n = state.sessions.all(scratch);
        out.putInt(n);
        for (int i = 0; i < n; i++)
        {
            final Session s = scratch.get(i);
            out.putLong(s.sessionId);
            out.putBytes(s.key, 0, s.keyLength);
            out.putBytes(s.context, 0, s.contextLength);
            out.putInt(s.accountIndex);
            out.putLong(s.originKey);
            out.putInt(s.state);
            out.putInt(s.cumulativeUsage ? 1 : 0);
            out.putLong(s.supervisionMs);
            out.putLong(s.lastRequestNumber);
            out.putBytes(s.recordedAnswer, 0, s.recordedAnswerLength);
            out.putLong(s.deadlineMs);
            out.putInt(s.heapIndex >= 0 ? 1 : 0);
            out.putInt(s.reservationCount);
            for (int r = 0; r < s.reservationCount; r++)
            {
                final Reservation res = s.reservations[r];
                out.putLong(res.ratingGroup);
                out.putLong(res.serviceIdentifier);
                out.putLong(res.tariff == null ? 0 : res.tariff.tariffId());
                out.putLong(res.priceMinor);
                out.putLong(res.quantumUnits);
                out.putInt(res.active ? 1 : 0);
                out.putLong(res.grantedUnits);
                out.putInt(res.bucketIndex);
                out.putLong(res.bucketUnits);
                out.putLong(res.reservedMinor);
                out.putLong(res.validityEndMs);
                out.putInt((res.finalUnits ? 1 : 0) | (res.starved ? 2 : 0));
                out.putLong(res.usedUnits);
                out.putLong(res.paidUnits);
                out.putLong(res.chargedMinor);
                out.putLong(res.lastCounter);
            }
        }
        scratch.clear(n);

        out.putInt(state.idempotency.size());
        for (final IdempotencyStore.Entry e : state.idempotency.entries())
        {
            out.putBytes(e.key.bytes(), 0, e.key.length());
            out.putInt(e.accountIndex);
            out.putLong(e.amountMinor);
            out.putLong(e.expiresAtMs);
        }

        out.putInt(state.eventAnswers.size());
        for (final EventAnswerStore.Entry e : state.eventAnswers.oldestFirst())
        {
            out.putBytes(e.key.bytes(), 0, e.key.length());
            out.putLong(e.requestNumber);
            out.putLong(e.expiresAtMs);
            out.putBytes(e.answer, 0, e.answer.length);
        }

        final long[] origins = new long[state.originBoundaries.size()];
        int o = 0;
        final org.agrona.collections.Long2LongHashMap.KeyIterator keys = state.originBoundaries.keySet().iterator();
        while (keys.hasNext())
        {
            origins[o++] = keys.nextValue();
        }
        java.util.Arrays.sort(origins);
        out.putInt(origins.length);
        for (final long origin : origins)
        {
            out.putLong(origin);
            out.putLong(state.originBoundaries.get(origin));
        }
    }

    /**
     * Read a state written by {@link #write}.
     *
     * @param header           the snapshot header (its command sequence must match the body).
     * @param in               source.
     * @param expectedAccounts sizing hint.
     * @return the restored state.
     * @throws IOException on read failure.
     */
    public static LedgerState read(final SnapshotStore.Header header, final SnapshotInput in, final int expectedAccounts)
        throws IOException
    {
        final LedgerState state = new LedgerState(expectedAccounts);
        state.lastCommandSeq = in.getLong();
        if (state.lastCommandSeq != header.commandSeq())
        {
            throw new JournalFormatException("snapshot " + header.path() + " header says command " +
                header.commandSeq() + " but its body says " + state.lastCommandSeq);
        }
        state.lastTimestampMs = in.getLong();
        final int nextAccount = in.getInt();
        final int nextBucket = in.getInt();
        final long nextSession = in.getLong();
        final int live = in.getInt();
        state.unratedRecords = in.getLong();
        if (nextAccount < 1 || nextBucket < 0 || nextSession < 1)
        {
            throw new JournalFormatException("snapshot " + header.path() + " has impossible counters");
        }

        final int tables = in.getInt();
        for (int t = 0; t < tables; t++)
        {
            final byte[] table = in.getBytes(MAX_TARIFF_TABLE_BYTES);
            state.tariffsSet(new UnsafeBuffer(table).getLong(0), new UnsafeBuffer(table), 0, table.length);
        }

        final int[] types = new int[LedgerLimits.MAX_IDENTITIES_PER_ACCOUNT];
        final List<byte[]> values = new ArrayList<>();
        for (int a = 1; a < nextAccount; a++)
        {
            state.ensureAccount(a);
            state.flags.set(a, in.getInt());
            state.balance.set(a, in.getLong());
            state.creditLimit.set(a, in.getLong());
            state.reserved.set(a, in.getLong());
            state.credited.set(a, in.getLong());
            state.consumed.set(a, in.getLong());
            state.lowThreshold.set(a, in.getLong());
            final int identities = in.getInt();
            if (identities < 0 || identities > types.length)
            {
                throw new JournalFormatException("snapshot " + header.path() + " account " + a + " has " +
                    identities + " identities");
            }
            values.clear();
            for (int i = 0; i < identities; i++)
            {
                types[i] = in.getInt();
                values.add(in.getBytes(LedgerLimits.MAX_IDENTITY_LENGTH));
            }
            // The chain is newest first: re-adding oldest first rebuilds the same chain.
            int first = 0;
            for (int i = identities - 1; i >= 0; i--)
            {
                final byte[] value = values.get(i);
                first = state.identities.add(a, first, types[i], value, value.length);
            }
            state.firstIdentity.set(a, first);
            final int credentialLength = in.getInt();
            if (credentialLength >= 0)
            {
                if (credentialLength > MAX_CREDENTIAL_BYTES)
                {
                    throw new JournalFormatException("snapshot " + header.path() + " has an oversized credential");
                }
                final byte[] credential = new byte[credentialLength];
                in.getBytes(credential, credentialLength);
                state.credentials.put(a, credential);
            }
            final int triples = in.getInt();
            if (triples < 0 || triples > LedgerLimits.MAX_RATING_GROUPS_PER_SESSION * 1024)
            {
                throw new JournalFormatException("snapshot " + header.path() + " has " + triples + " tier entries");
            }
            if (triples > 0)
            {
                final long[] usage = new long[triples * 3];
                for (int i = 0; i < usage.length; i++)
                {
                    usage[i] = in.getLong();
                }
                state.tierUsage.put(a, usage);
            }
        }
        state.nextAccountIndex = nextAccount;
        state.liveAccounts = live;

        for (int b = 0; b < nextBucket; b++)
        {
            state.ensureBucket(b);
            final int account = in.getInt();
            if (account < 1 || account >= nextAccount)
            {
                throw new JournalFormatException("snapshot " + header.path() + " bucket " + b + " has account " +
                    account);
            }
            state.bucketAccount.set(b, account);
            state.bucketFlags.set(b, in.getInt());
            state.bucketRatingGroup.set(b, in.getLong());
            state.bucketExpiry.set(b, in.getLong());
            state.bucketCredited.set(b, in.getLong());
            state.bucketBalance.set(b, in.getLong());
            state.bucketReserved.set(b, in.getLong());
            state.bucketConsumed.set(b, in.getLong());
            state.bucketExpired.set(b, in.getLong());
            state.bucketNext.set(b, state.firstBucket.get(account));
            state.firstBucket.set(account, b + 1);
            if (state.bucketExpiry.get(b) != 0 && !state.bucketIsExpired(b) &&
                (state.flags.get(account) & LedgerState.STATUS_MASK) != AccountStatus.DELETED)
            {
                state.bucketExpiries.push(state.bucketExpiry.get(b), b);
            }
        }
        state.nextBucketIndex = nextBucket;

        final int sessions = in.getInt();
        final UnsafeBuffer key = new UnsafeBuffer(new byte[0]);
        for (int i = 0; i < sessions; i++)
        {
            final long sessionId = in.getLong();
            final byte[] keyBytes = in.getBytes(LedgerLimits.MAX_SESSION_KEY_LENGTH);
            final byte[] context = in.getBytes(LedgerLimits.MAX_SESSION_CONTEXT_LENGTH);
            final int account = in.getInt();
            final long origin = in.getLong();
            key.wrap(keyBytes);
            final Session s = state.sessions.open(sessionId, account, origin, key, 0, keyBytes.length);
            System.arraycopy(context, 0, s.contextFor(context.length), 0, context.length);
            s.contextLength = context.length;
            s.state = in.getInt();
            s.cumulativeUsage = in.getInt() != 0;
            s.supervisionMs = in.getLong();
            s.lastRequestNumber = in.getLong();
            final byte[] answer = in.getBytes(MAX_ANSWER_BYTES);
            s.recordAnswer(new UnsafeBuffer(answer), 0, answer.length);
            final long deadline = in.getLong();
            if (in.getInt() != 0)
            {
                state.sessions.schedule(s, deadline);
            }
            else
            {
                s.deadlineMs = deadline;
            }
            final int reservations = in.getInt();
            if (reservations < 0 || reservations > LedgerLimits.MAX_RATING_GROUPS_PER_SESSION)
            {
                throw new JournalFormatException("snapshot " + header.path() + " session " + sessionId + " has " +
                    reservations + " rating groups");
            }
            for (int r = 0; r < reservations; r++)
            {
                final Reservation res = s.findOrAdd(in.getLong());
                res.serviceIdentifier = in.getLong();
                final long tariffId = in.getLong();
                res.tariff = tariffId == 0 ? null : state.tariffsById.get(tariffId);
                if (tariffId != 0 && res.tariff == null)
                {
                    throw new JournalFormatException("snapshot " + header.path() + " refers to unknown tariff " +
                        tariffId);
                }
                res.priceMinor = in.getLong();
                res.quantumUnits = in.getLong();
                res.active = in.getInt() != 0;
                res.grantedUnits = in.getLong();
                res.bucketIndex = in.getInt();
                res.bucketUnits = in.getLong();
                res.reservedMinor = in.getLong();
                res.validityEndMs = in.getLong();
                final int flags = in.getInt();
                res.finalUnits = (flags & 1) != 0;
                res.starved = (flags & 2) != 0;
                res.usedUnits = in.getLong();
                res.paidUnits = in.getLong();
                res.chargedMinor = in.getLong();
                res.lastCounter = in.getLong();
            }
        }
        state.nextSessionId = nextSession;

        final int keys = in.getInt();
        for (int i = 0; i < keys; i++)
        {
            final byte[] idempotencyKey = in.getBytes(LedgerLimits.MAX_IDEMPOTENCY_KEY_LENGTH);
            final int account = in.getInt();
            final long amount = in.getLong();
            final long expires = in.getLong();
            state.idempotency.put(idempotencyKey, idempotencyKey.length, account, amount, expires);
        }
        if (in.hasMore())
        {
            // Re-inserted oldest first: the same eviction order as the state that was written.
            final int answers = in.getInt();
            for (int i = 0; i < answers; i++)
            {
                final byte[] sessionKey = in.getBytes(LedgerLimits.MAX_SESSION_KEY_LENGTH);
                final long requestNumber = in.getLong();
                final long expires = in.getLong();
                final byte[] answer = in.getBytes(MAX_ANSWER_BYTES);
                state.eventAnswers.put(sessionKey, sessionKey.length, requestNumber, answer, expires);
            }
        }
        if (in.hasMore())
        {
            final int origins = in.getInt();
            for (int i = 0; i < origins; i++)
            {
                final long origin = in.getLong();
                state.originBoundaries.put(origin, in.getLong());
            }
        }
        return state;
    }
}
