package io.gyro.ledger;

/** Why a session was closed or its reservations released; stable codes in the journal. */
public enum SessionEndReason
{
    /** TERMINATE from the network. */
    TERMINATED(1),
    /** Nothing heard for the supervision time (RFC 4006 section 5.5 Tcc): released, not charged. */
    SUPERVISION_EXPIRED(2),
    /** An operator ended the session (ABORT_SESSION). */
    ADMINISTRATIVE(3),
    /** The account was blocked. */
    ACCOUNT_BLOCKED(4),
    /** The account was deleted. */
    ACCOUNT_DELETED(5),
    /** The session's origin restarted (Origin-State-Id change, RADIUS Accounting-On/Off). */
    ORIGIN_RELEASED(6),
    /** The initial request failed at command level: only its recorded answer is kept. */
    INITIAL_FAILED(7),
    /** A one-shot event: only its recorded answer is kept. */
    EVENT(8),
    /**
     * An update failed at command level (RFC 4006 section 7: the server goes to Idle): released, a tombstone keeps
     * its answer and still charges usage reported afterwards.
     */
    UPDATE_FAILED(9);

    private final int code;

    SessionEndReason(final int code)
    {
        this.code = code;
    }

    /**
     * Stable journal code.
     *
     * @return the code.
     */
    public int code()
    {
        return code;
    }

    /**
     * Look a reason up by code.
     *
     * @param code stable code.
     * @return the reason, or null.
     */
    public static SessionEndReason fromCode(final int code)
    {
        for (final SessionEndReason reason : values())
        {
            if (reason.code == code)
            {
                return reason;
            }
        }
        return null;
    }
}
