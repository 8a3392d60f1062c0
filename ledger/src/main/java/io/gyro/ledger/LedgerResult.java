package io.gyro.ledger;

/**
 * Outcome of a command or of one service in it, with a stable int code (exchange-core {@code CommandResultCode}
 * style). The codes of network outcomes echo the Diameter Result-Code they usually map to (RFC 4006 section 9,
 * RFC 6733 section 7.1), negated, as a mnemonic only: the server owns the mapping.
 */
public enum LedgerResult
{
    /** Done. */
    SUCCESS(0),
    /** A top-up or refund with this idempotency key was already applied; nothing changed. */
    IDEMPOTENT_REPLAY(1),

    /** A field is out of range or missing (the ledger never throws on bad input). */
    INVALID_ARGUMENT(-1000),
    /** The account, session or identity named does not exist. */
    NOT_FOUND(-1001),
    /** CREATE_ACCOUNT whose first identity already belongs to an account. */
    ACCOUNT_EXISTS(-1002),
    /** An identity already belongs to another account. */
    IDENTITY_TAKEN(-1003),
    /** RENAME_SESSION to a key that is in use, or RESERVE on an open session with a new request number. */
    SESSION_EXISTS(-1004),
    /** A fixed per-session limit was reached (see {@code LedgerLimits}). */
    LIMIT_EXCEEDED(-1005),
    /**
     * A credit's idempotency key was used within its retention for a credit to another account or of another amount:
     * not the same request again, so neither applied nor answered as a replay.
     */
    IDEMPOTENCY_KEY_REUSED(-1006),

    /** The blocked account may not start or continue a service (Diameter 4010). */
    END_USER_SERVICE_DENIED(-4010),
    /** Nothing left to grant: no bucket units and no money for one quantum (Diameter 4012). */
    CREDIT_LIMIT_REACHED(-4012),
    /** UPDATE/TERMINATE for a session the ledger does not know (Diameter 5002). */
    UNKNOWN_SESSION(-5002),
    /** A request number lower than the last one processed for the session (Diameter 5012 per the server). */
    OUT_OF_SEQUENCE(-5012),
    /** No identity of the command resolves to an account (Diameter 5030). */
    USER_UNKNOWN(-5030),
    /** No tariff for the rating group and no default tariff (Diameter 5031). */
    RATING_FAILED(-5031);

    private final int code;

    LedgerResult(final int code)
    {
        this.code = code;
    }

    /**
     * Stable code written to the journal.
     *
     * @return the code.
     */
    public int code()
    {
        return code;
    }

    /**
     * Whether this outcome counts as success (including an idempotent replay).
     *
     * @return true for SUCCESS and IDEMPOTENT_REPLAY.
     */
    public boolean isSuccess()
    {
        return code >= 0;
    }

    /**
     * Look an outcome up by its code.
     *
     * @param code stable code.
     * @return the outcome, or null for an unknown code.
     */
    public static LedgerResult fromCode(final int code)
    {
        for (final LedgerResult result : VALUES)
        {
            if (result.code == code)
            {
                return result;
            }
        }
        return null;
    }

    private static final LedgerResult[] VALUES = values();
}
