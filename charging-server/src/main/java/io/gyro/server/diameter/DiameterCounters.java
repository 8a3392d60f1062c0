package io.gyro.server.diameter;

/**
 * What one lane counts, written only on its event loop and read by metrics from another thread (plain longs:
 * a reader may see a slightly stale value, never a torn one on a 64-bit JVM; exactness is not needed for rates).
 */
public final class DiameterCounters
{
    /** Requests received (any command). */
    public long requests;
    /** CCRs accepted onto the ring. */
    public long creditControlRequests;
    /** Answers written by this lane, including edge errors. */
    public long answers;
    /** Requests answered 3004 TOO_BUSY because the ring or the pending table was full. */
    public long shed;
    /** Requests answered from the duplicate cache. */
    public long duplicates;
    /** Messages refused by validation (3xxx/5xxx at the edge). */
    public long invalid;
    /** Damaged framing: the connection was closed. */
    public long framingErrors;
    /** Replies for connections that had gone: dropped. */
    public long droppedReplies;
    /** Connections closed after an exception. */
    public long connectionErrors;
    /** Watchdog requests from peers answered. */
    public long watchdogsAnswered;
    /** Watchdog requests sent. */
    public long watchdogsSent;
    /** Peers closed because two watchdog intervals passed without an answer. */
    public long watchdogFailures;
    /** RAR and ASR sent. */
    public long serverRequestsSent;
    /** RAR and ASR that got no answer in time, or found no connection. */
    public long serverRequestsFailed;
}
