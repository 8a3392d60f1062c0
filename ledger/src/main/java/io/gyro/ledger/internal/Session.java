package io.gyro.ledger.internal;

import io.gyro.ledger.LedgerLimits;

import java.util.Arrays;

/**
 * A charging session (or, once closed, the recorded answer kept for retransmissions). Pooled and reused: its
 * arrays are allocated once. Mutated only by applying events; called only on the ledger thread.
 */
public final class Session
{
    /**
     * Arrays start at the size of a typical session (a Gy Session-Id is 30-60 octets, its context 100-200, an
     * answer with one service about 40) and grow once when a pooled session needs more: sessions are kept after
     * they end, so their footprint is what the heap holds at high churn.
     */
    static final int INITIAL_KEY_CAPACITY = 64;
    static final int INITIAL_CONTEXT_CAPACITY = 192;
    static final int INITIAL_ANSWER_CAPACITY = 64;

    long sessionId;
    byte[] key = new byte[INITIAL_KEY_CAPACITY];
    int keyLength;
    long keyHash;
    int accountIndex;
    long originKey;
    byte[] context = new byte[INITIAL_CONTEXT_CAPACITY];
    int contextLength;
    int state;
    boolean cumulativeUsage;
    long supervisionMs;
    long lastRequestNumber;
    byte[] recordedAnswer = new byte[INITIAL_ANSWER_CAPACITY];
    int recordedAnswerLength;
    long deadlineMs;
    /** Key of this session in the deadline heap: never later than {@link #deadlineMs} (refreshes are lazy). */
    long heapKey;
    int heapIndex = -1;
    Session prevOfAccount;
    Session nextOfAccount;
    Session prevOfOrigin;
    Session nextOfOrigin;
    Reservation[] reservations = new Reservation[4];
    int reservationCount;

    void reset()
    {
        sessionId = 0;
        keyLength = 0;
        keyHash = 0;
        accountIndex = 0;
        originKey = 0;
        contextLength = 0;
        state = 0;
        cumulativeUsage = false;
        supervisionMs = 0;
        lastRequestNumber = 0;
        recordedAnswerLength = 0;
        deadlineMs = 0;
        heapKey = 0;
        heapIndex = -1;
        prevOfAccount = null;
        nextOfAccount = null;
        prevOfOrigin = null;
        nextOfOrigin = null;
        for (int i = 0; i < reservationCount; i++)
        {
            reservations[i].reset();
        }
        reservationCount = 0;
    }

    /**
     * @param ratingGroup rating group.
     * @return the rating group's entry or null.
     */
    Reservation find(final long ratingGroup)
    {
        for (int i = 0; i < reservationCount; i++)
        {
            if (reservations[i].ratingGroup == ratingGroup)
            {
                return reservations[i];
            }
        }
        return null;
    }

    /**
     * Entry for a rating group, created in order of first use (so iteration order is deterministic).
     *
     * @param ratingGroup rating group.
     * @return the entry.
     */
    Reservation findOrAdd(final long ratingGroup)
    {
        final Reservation existing = find(ratingGroup);
        if (existing != null)
        {
            return existing;
        }
        if (reservationCount == reservations.length)
        {
            reservations = Arrays.copyOf(reservations, reservations.length * 2);
        }
        Reservation r = reservations[reservationCount];
        if (r == null)
        {
            r = new Reservation();
            r.reset();
            reservations[reservationCount] = r;
        }
        reservationCount++;
        r.ratingGroup = ratingGroup;
        return r;
    }

    /**
     * @param length key length about to be written.
     * @return the key array, grown to hold it.
     */
    byte[] keyFor(final int length)
    {
        if (key.length < length)
        {
            key = new byte[Math.max(length, Math.min(LedgerLimits.MAX_SESSION_KEY_LENGTH, key.length * 2))];
        }
        return key;
    }

    /**
     * @param length context length about to be written.
     * @return the context array, grown to hold it.
     */
    byte[] contextFor(final int length)
    {
        if (context.length < length)
        {
            context = new byte[Math.max(length, Math.min(LedgerLimits.MAX_SESSION_CONTEXT_LENGTH, context.length * 2))];
        }
        return context;
    }

    boolean keyEquals(final byte[] other, final int otherLength)
    {
        return keyLength == otherLength && Arrays.equals(key, 0, keyLength, other, 0, otherLength);
    }

    void recordAnswer(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        if (recordedAnswer.length < length)
        {
            recordedAnswer = new byte[Math.max(length, recordedAnswer.length * 2)];
        }
        buffer.getBytes(offset, recordedAnswer, 0, length);
        recordedAnswerLength = length;
    }

    long reservedMinor()
    {
        long sum = 0;
        for (int i = 0; i < reservationCount; i++)
        {
            sum += reservations[i].reservedMinor;
        }
        return sum;
    }

    long grantedUnits()
    {
        long sum = 0;
        for (int i = 0; i < reservationCount; i++)
        {
            sum += reservations[i].grantedUnits;
        }
        return sum;
    }

    /** @return whether any rating group holds a grant. */
    boolean holdsGrant()
    {
        for (int i = 0; i < reservationCount; i++)
        {
            if (reservations[i].active)
            {
                return true;
            }
        }
        return false;
    }
}
