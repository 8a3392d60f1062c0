package io.gyro.ledger;

/** Fixed sizes of the ring slot and per-session tables; each says where the number comes from. */
public final class LedgerLimits
{
    /** Session-Ids longer than this are refused at the edge (ARCHITECTURE.md section 3, "Session keys"). */
    public static final int MAX_SESSION_KEY_LENGTH = 256;
    /**
     * Opaque per-session context (Origin-Host/Realm, connection, CDR fields): Origin-Host and Origin-Realm are
     * DiameterIdentity (at most 255 octets each in practice), plus a few fixed CDR fields, fit in 512.
     */
    public static final int MAX_SESSION_CONTEXT_LENGTH = 512;
    /** Identities carried by one command: Subscription-Id, User-Name, IMSI and one spare. */
    public static final int MAX_IDENTITIES = 4;
    /** An identity's bytes: a SIP URI or NAI fits in 128 octets for every operator seen; longer is refused. */
    public static final int MAX_IDENTITY_LENGTH = 128;
    /** Identities one account may hold (MSISDN, IMSI, NAI and a few aliases); bounds per-account work. */
    public static final int MAX_IDENTITIES_PER_ACCOUNT = 16;
    /** Multiple-Services-Credit-Control entries per command; PGWs send a handful, 32 leaves ample room. */
    public static final int MAX_SERVICES = 32;
    /** Idempotency key of a top-up or refund (a UUID in text is 36 bytes; 64 leaves room for a prefix). */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 64;
    /** Rating groups one session may use over its lifetime: twice the per-command limit. */
    public static final int MAX_RATING_GROUPS_PER_SESSION = 2 * MAX_SERVICES;
    /**
     * Due deadlines one TICK processes, so that one tick never stalls the ring for long; when more are due the TICK
     * answers {@link LedgerResult#LIMIT_EXCEEDED} and the caller ticks again at once.
     */
    public static final int MAX_DEADLINES_PER_TICK = 4096;
    /**
     * Events a TICK writes before it leaves the rest of what is due to the next tick. A journal record counts its
     * events in 16 bits (at most 65,535, {@code JournalRecordDescriptor.MAX_EVENTS_PER_RECORD}) and the encoder
     * halts the ledger rather than pass that; the deadline count alone does not bound the events, because releasing
     * an open session writes one event per reservation (up to {@link #MAX_RATING_GROUPS_PER_SESSION}) plus one, so
     * 4096 due sessions could write 266,240. Half the record's limit leaves room for what follows the loops.
     */
    public static final int MAX_EVENTS_PER_TICK = 32_768;
    /**
     * Open sessions one {@link CommandType#RELEASE_ORIGIN_SESSIONS}, {@link CommandType#BLOCK_ACCOUNT} or
     * {@link CommandType#DELETE_ACCOUNT} releases: each release writes one event per reservation (at most
     * {@link #MAX_RATING_GROUPS_PER_SESSION}) plus one, and a record holds at most 65,535 events, so 256 x 65 =
     * 16,640 keeps even the largest sessions well inside one record; the rest of a large origin (a PGW holds
     * hundreds of thousands of sessions) or account (the pilot catch-all, a fleet of devices on one account) is
     * released by repeating the command.
     */
    public static final int MAX_SESSIONS_RELEASED_PER_COMMAND = 256;
    /**
     * Buckets, besides the reservation's own, that may pay one service's usage before money: an account holds a
     * handful of bundles of one unit type, and the bound keeps a command's events (one per bucket) well inside a
     * journal record's 16-bit event count even with {@link #MAX_SERVICES} services.
     */
    public static final int MAX_FURTHER_BUCKETS_PER_USAGE = 8;
    /**
     * Largest amount of money one command or account field carries (top-up, refund, debit amount, opening balance of
     * either sign, credit limit, low-balance threshold): 2^53 - 1 minor units, the largest integer that every JSON
     * reader holds exactly (an IEEE double), 900 billion currency units at 4 decimals. Sums of such amounts stay far
     * below a long's 2^63; the ledger still refuses any change that would carry a balance or counter past it.
     */
    public static final long MAX_AMOUNT_MINOR = (1L << 53) - 1;
    /** Largest bucket, in its units, for the same reason as {@link #MAX_AMOUNT_MINOR}: 2^53 - 1 octets is 8 PiB. */
    public static final long MAX_BUCKET_UNITS = (1L << 53) - 1;
    /**
     * Largest count one usage report may carry, for the same reason: 2^53 - 1 octets is 8 PiB and as many seconds
     * 285 million years, so a larger count is a client's fault (a wrapped or garbage Unsigned64), never usage.
     * Refused and recorded unrated rather than charged: at 1.00 per MiB it would make a debt of 10^12 (and a count of
     * 2^63 read as a signed long would be no usage at all).
     */
    public static final long MAX_REPORTED_UNITS = (1L << 53) - 1;
    /**
     * Digit strings up to this length are packed into a long identity key: 10^16 < 2^54, leaving 10 bits for
     * the type and the digit count (leading zeros matter in an MSISDN).
     */
    public static final int MAX_PACKED_DIGITS = 16;

    private LedgerLimits()
    {
    }
}
