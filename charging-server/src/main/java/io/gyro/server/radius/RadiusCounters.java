package io.gyro.server.radius;

/**
 * What the RADIUS lane counts: packets by type, responses, and silent drops by {@link RadiusDropReason}. Written
 * only on the lane's event loop and read by metrics from another thread (plain longs: a reader may see a slightly
 * stale value, never a torn one on a 64-bit JVM; exactness is not needed for rates).
 */
public final class RadiusCounters
{
    /** Access-Requests accepted for processing (authenticated, not duplicates). */
    public long accessRequests;
    /** Accounting-Requests with Acct-Status-Type Start. */
    public long accountingStarts;
    /** Accounting-Requests with Acct-Status-Type Interim-Update. */
    public long accountingInterims;
    /** Accounting-Requests with Acct-Status-Type Stop. */
    public long accountingStops;
    /** Accounting-Requests with Acct-Status-Type Accounting-On or Accounting-Off. */
    public long accountingOnOff;
    /** Accounting-Requests of any other status (Failed, tunnel records ...) or without one: journaled unrated. */
    public long accountingOther;
    /** Status-Server requests answered (RFC 5997). */
    public long statusServer;

    /** Access-Accepts sent. */
    public long accessAccepts;
    /** Access-Rejects sent. */
    public long accessRejects;
    /** Accounting-Responses sent. */
    public long accountingResponses;
    /** Retransmitted requests answered from the duplicate cache (RFC 5080 §2.2.2). */
    public long duplicatesAnswered;
    /** Access-Requests rejected because PAP or CHAP did not match the subscriber's password. */
    public long authenticationFailures;
    /** Accounting records journaled unrated (unknown user, unknown or closed session, missing attributes). */
    public long unratedRecords;
    /** Access-Accept reservations adopted by an Accounting-Start that returned their Class. */
    public long adoptedReservations;
    /**
     * Accounting-Starts recognised as replays (sent longer ago than the replay window by Event-Timestamp, or
     * repeating a Class-carrying Start whose session was already opened): recorded unrated, no session opened.
     */
    public long staleStarts;
    /**
     * Accounting-On/Off records repeating one already processed for the same NAS (same status and event time, sent
     * again with a new Identifier and a larger Acct-Delay-Time): answered, nothing released again.
     */
    public long repeatedOnOff;

    /** Disconnect-Requests sent (first transmissions). */
    public long disconnectRequests;
    /** CoA-Requests sent (first transmissions). */
    public long coaRequests;
    /** Disconnect/CoA retransmissions (RFC 5080 §2.2.1). */
    public long dynamicAuthorizationRetransmissions;
    /** Disconnect-ACKs and CoA-ACKs received. */
    public long dynamicAuthorizationAcks;
    /** Disconnect-NAKs and CoA-NAKs received. */
    public long dynamicAuthorizationNaks;
    /** Error-Cause of the last NAK received (RFC 5176 §3.5), 0 when none. */
    public long lastErrorCause;
    /** Disconnect/CoA requests given up after MRC transmissions or MRD (RFC 5080 §2.2.1). */
    public long dynamicAuthorizationTimeouts;
    /** Disconnect/CoA requests that could not be sent: NAS unknown, address missing, or queue full. */
    public long dynamicAuthorizationFailures;
    /** Ledger notifications for RADIUS sessions dropped because the lane was full or the ring shed them. */
    public long notificationsDropped;

    private final long[] drops = new long[RadiusDropReason.COUNT];

    /**
     * @param reason why.
     * @return datagrams dropped for that reason.
     */
    public long dropped(final RadiusDropReason reason)
    {
        return drops[reason.ordinal()];
    }

    /** @return datagrams dropped for any reason. */
    public long droppedTotal()
    {
        long total = 0;
        for (final long count : drops)
        {
            total += count;
        }
        return total;
    }

    void drop(final RadiusDropReason reason)
    {
        drops[reason.ordinal()]++;
    }
}
