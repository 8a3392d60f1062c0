package io.gyro.ledger;

/**
 * What a {@link LedgerCommand} asks the ledger to do. Each type has a stable int {@link #code()} that is written
 * into the journal (JournalRecordDescriptor), so codes are never reused or renumbered; new types take new codes.
 */
public enum CommandType
{
    /** Open a charging session and reserve units per service (Diameter CCR-I, RADIUS Access/Start). */
    RESERVE(1, true),
    /** Commit reported usage and reserve again (CCR-U, RADIUS Interim-Update). */
    UPDATE(2, true),
    /** Commit final usage and release every reservation of the session (CCR-T, RADIUS Stop). */
    TERMINATE(3, true),
    /** One-shot event charge: units rated and debited at once, or {@code amountMinor} debited (CCR-E DIRECT_DEBITING). */
    DIRECT_DEBIT(4, true),
    /** Credit {@code amountMinor} back to the account (CCR-E REFUND_ACCOUNT, operator refund). */
    REFUND(5, true),
    /** Would the account cover {@code amountMinor} or service 0's requested units? Changes nothing (CCR-E CHECK_BALANCE). */
    CHECK_BALANCE(6, true),
    /** Price of service 0's requested units now, on the account's tier if it resolves (CCR-E PRICE_ENQUIRY). */
    PRICE_ENQUIRY(7, true),

    /** Create an account from an {@link AccountSpec} payload. */
    CREATE_ACCOUNT(10, false),
    /**
     * Change credit limit, threshold, status or billing day from an {@link AccountUpdate} payload. A change to
     * blocked aborts sessions as {@link #BLOCK_ACCOUNT} does; when more remain the result is
     * {@link LedgerResult#LIMIT_EXCEEDED} (the update is applied) and the rest is released by BLOCK_ACCOUNT
     * continuations with the boundary written into {@code requestNumber}.
     */
    UPDATE_ACCOUNT(11, false),
    /**
     * Block the account: new grants are denied and its open sessions are aborted (ASR / RADIUS Disconnect), at most
     * {@link LedgerLimits#MAX_SESSIONS_RELEASED_PER_COMMAND} per command. {@code requestNumber} works as for
     * {@link #RELEASE_ORIGIN_SESSIONS}: 0 blocks and writes back the session-id boundary; while the result is
     * {@link LedgerResult#LIMIT_EXCEEDED}, publish it again with {@code accountId} and that boundary. A continuation
     * of an account unblocked meanwhile does nothing.
     */
    BLOCK_ACCOUNT(12, false),
    /** Make a blocked account active again. */
    UNBLOCK_ACCOUNT(13, false),
    /**
     * Abort the account's open sessions and delete it with its identities; its tombstones and closed entries end at
     * their own deadlines. With more open sessions than one command releases ({@link
     * LedgerLimits#MAX_SESSIONS_RELEASED_PER_COMMAND}) the result is {@link LedgerResult#LIMIT_EXCEEDED}, the
     * account is blocked meanwhile and {@code requestNumber} holds the boundary: publish it again with
     * {@code accountId} and that boundary; the command that releases the last of them deletes the account.
     */
    DELETE_ACCOUNT(14, false),
    /** Add identity 0 of the command to the account named by {@code accountId}. */
    ADD_IDENTITY(15, false),
    /** Credit {@code amountMinor}; an idempotency key makes a repeated top-up a no-op. */
    TOP_UP(16, false),
    /** Add a unit bucket from a {@link BucketSpec} payload. */
    ADD_BUCKET(17, false),
    /** Replace the tariff table with the {@code io.gyro.ledger.rating.TariffTable} payload. */
    SET_TARIFFS(18, false),

    /**
     * Release (not charge) every session whose {@code originKey} matches (Origin-State-Id change, Accounting-On/Off),
     * at most {@link LedgerLimits#MAX_SESSIONS_RELEASED_PER_COMMAND} per command. {@code requestNumber} is the
     * boundary: only sessions with a lower ledger session id are released; 0 means "every session open now", and the
     * ledger writes the boundary it used back into it. When more remain the result is
     * {@link LedgerResult#LIMIT_EXCEEDED}: publish the command again with that boundary, so that sessions the origin
     * opened after the first command are never touched.
     */
    RELEASE_ORIGIN_SESSIONS(20, false),
    /** Operator ends one session: reservations released, {@code abortSession} notification. */
    ABORT_SESSION(21, false),
    /** Re-key a session ({@code sessionKey} to {@code newSessionKey}), e.g. a RADIUS Class adopted by Accounting-Start. */
    RENAME_SESSION(22, false),
    /** Journal an opaque record (usage of an unknown user or closed session) without touching any balance. */
    RECORD_UNRATED(23, false),

    /**
     * Process deadlines due at {@code timestampMs}: supervision releases, tombstones, closed sessions to forget, bucket
     * expiry; at most {@link LedgerLimits#MAX_DEADLINES_PER_TICK} of them, writing at most
     * {@link LedgerLimits#MAX_EVENTS_PER_TICK} events. When more are due the result is
     * {@link LedgerResult#LIMIT_EXCEEDED}: tick again at once. Never shed.
     */
    TICK(30, false),
    /** Write a snapshot once the current batch is in the journal. */
    TAKE_SNAPSHOT(31, false),

    /** Read-only: account by id or identity, answered in the payload as an {@link AccountView}; not journaled. */
    GET_ACCOUNT(40, false),
    /** Read-only: the account's sessions, answered in the payload as a list of {@link SessionView}; not journaled. */
    LIST_SESSIONS(41, false),
    /** Read the tariff table in force (admin API, start-up comparison with the configuration). */
    GET_TARIFFS(42, false),
    /**
     * Read-only: the opaque credential of the account found by id or identity, answered in the payload as a copy
     * of its bytes (null when the account has none), for the server's RADIUS PAP/CHAP check; not journaled and
     * never part of {@link AccountView}.
     */
    GET_CREDENTIAL(43, false);

    private static final CommandType[] BY_CODE = new CommandType[64];

    static
    {
        for (final CommandType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final boolean network;

    CommandType(final int code, final boolean network)
    {
        this.code = code;
        this.network = network;
    }

    /**
     * Stable journal code of this type.
     *
     * @return the code, 1..63.
     */
    public int code()
    {
        return code;
    }

    /**
     * Whether the type is network traffic (Diameter/RADIUS) rather than administration or housekeeping.
     *
     * @return true for network commands.
     */
    public boolean isNetwork()
    {
        return network;
    }

    /**
     * Look a type up by its journal code.
     *
     * @param code stable code.
     * @return the type, or null for an unknown code.
     */
    public static CommandType fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
