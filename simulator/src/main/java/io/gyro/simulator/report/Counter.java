package io.gyro.simulator.report;

/** Event counters kept per connection besides requests, answers and result codes. */
public enum Counter
{
    /** Sessions begun (first request sent). */
    SESSIONS_STARTED,
    /** Sessions finished on the simulator's side, whatever the reason. */
    SESSIONS_ENDED,
    /** Sessions that ended here without the server confirming their end (CCR-T shed, timed out, connection lost). */
    SESSIONS_LEFT_OPEN,
    /** Sessions with a request whose outcome is unknown (timeout, connection lost, unexpected error). */
    SESSIONS_UNCERTAIN,
    /** Requests that got no answer within the timeout. */
    TIMEOUTS,
    /** Requests still in flight when their connection closed. */
    LOST_ON_CLOSE,
    /** Answers matching no request in flight (late after a timeout, or unknown identifiers). */
    UNMATCHED_ANSWERS,
    /** Requests sent at once because the server asked (RAR, ASR, CoA, Disconnect), outside the pacing. */
    SERVER_TRIGGERED_REQUESTS,
    /** Re-authorisation requests received (Diameter RAR, RADIUS CoA-Request). */
    SERVER_REAUTH,
    /** Abort requests received (Diameter ASR, RADIUS Disconnect-Request). */
    SERVER_ABORT,
    /** Server requests naming a session this simulator does not have. */
    SERVER_UNKNOWN_SESSION,
    /** Final-Unit-Indications received. */
    FINAL_UNITS,
    /** Services stopped by a per-service 4012 (no credit), or a RADIUS Access-Reject. */
    SERVICE_STOPPED,
    /** Watchdog requests sent. */
    WATCHDOG_SENT,
    /** Watchdog requests answered for the server. */
    WATCHDOG_ANSWERED,
    /** Watchdog intervals that passed without an answer (RFC 3539 §3.4.1). */
    WATCHDOG_MISSED,
    /** Connections that closed before the end of the run. */
    CONNECTIONS_LOST,
    /** Connections opened again after a loss ({@code --reconnect}). */
    RECONNECTS,
    /** Requests sent again with the T flag after a reconnect, because their answer was lost with the connection. */
    RETRANSMISSIONS,
    /** Messages whose framing could not be read. */
    FRAMING_ERRORS,
    /** Latencies above the histogram's range, recorded at its maximum. */
    LATENCY_CLAMPED,
    /** Gauge: requests in flight now. */
    IN_FLIGHT,
    /** Gauge: the longest a request left after its intended send time, in ns (open loop). */
    MAX_SEND_LAG_NS;

    private static final Counter[] VALUES = values();

    /** @return every counter. */
    public static Counter[] all()
    {
        return VALUES;
    }
}
