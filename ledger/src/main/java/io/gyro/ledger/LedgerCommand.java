package io.gyro.ledger;

import io.gyro.ledger.internal.Hashing;

import static io.gyro.ledger.LedgerLimits.MAX_IDEMPOTENCY_KEY_LENGTH;
import static io.gyro.ledger.LedgerLimits.MAX_IDENTITIES;
import static io.gyro.ledger.LedgerLimits.MAX_IDENTITY_LENGTH;
import static io.gyro.ledger.LedgerLimits.MAX_SERVICES;
import static io.gyro.ledger.LedgerLimits.MAX_SESSION_CONTEXT_LENGTH;
import static io.gyro.ledger.LedgerLimits.MAX_SESSION_KEY_LENGTH;

/**
 * The pre-allocated, reusable ring slot: primitives and fixed-size byte arrays only, so publishing a request
 * allocates nothing. A producer fills the input fields through an {@code EventTranslator} (calling
 * {@link #reset()} first); the ledger thread writes the result fields; the reply handler reads them.
 * <p>
 * Not thread safe: a slot belongs to the producer until published, then to the ledger thread until the reply
 * handler returns.
 */
public final class LedgerCommand
{
    // ---------------------------------------------------------------- header

    /** What to do. */
    public CommandType type;
    /** Ingress time stamped by the producer's injected clock; the only time the ledger ever reads. */
    public long timestampMs;
    /** Opaque reply routing (event-loop index); the ledger never interprets it. */
    public int replyLane;
    /** Opaque reply routing (connection id and generation); never interpreted. */
    public long replyToken;
    /** Opaque reply routing (pending-request slot); never interpreted. */
    public long replyToken2;

    // ---------------------------------------------------------------- session

    /** Session-Id bytes (Diameter) or Acct-Session-Id + NAS (RADIUS); {@link #sessionKeyLength} are valid. */
    public final byte[] sessionKey = new byte[MAX_SESSION_KEY_LENGTH];
    /** Valid bytes in {@link #sessionKey}; 0 = no session. */
    public int sessionKeyLength;
    /** {@link Hashing#hash} of the session key, valid while {@link #sessionKeyHashed}. */
    private long sessionKeyHash;
    /** Set by the pipeline on the producer's thread once the slot is filled; cleared by {@link #reset()}. */
    private boolean sessionKeyHashed;
    /** RENAME_SESSION target key. */
    public final byte[] newSessionKey = new byte[MAX_SESSION_KEY_LENGTH];
    /** Valid bytes in {@link #newSessionKey}. */
    public int newSessionKeyLength;
    /** CC-Request-Number; checked only when {@link #cumulativeUsage} is false. */
    public long requestNumber;
    /**
     * RADIUS: used units are session-cumulative counters (RFC 2866 section 5.3/5.4); the ledger commits the delta
     * against the last value it journaled, never negative. Diameter: false, used units are deltas.
     */
    public boolean cumulativeUsage;
    /** 64-bit key of the peer/NAS the session came from, for RELEASE_ORIGIN_SESSIONS. */
    public long originKey;
    /** Opaque bytes stored with the session on RESERVE and returned in notifications and listings. */
    public final byte[] sessionContext = new byte[MAX_SESSION_CONTEXT_LENGTH];
    /** Valid bytes in {@link #sessionContext}. */
    public int sessionContextLength;
    /** Supervision time in ms; 0 = ledger default (2 x validity time, else the context's default). */
    public long supervisionMs;

    // ---------------------------------------------------------------- subscriber

    /** Number of identities filled in; the first that resolves wins. */
    public int identityCount;
    /** {@link IdentityType} per identity. */
    public final int[] identityType = new int[MAX_IDENTITIES];
    /** Identity bytes per identity. */
    public final byte[][] identity = new byte[MAX_IDENTITIES][MAX_IDENTITY_LENGTH];
    /** Valid bytes per identity. */
    public final int[] identityLength = new int[MAX_IDENTITIES];

    // ---------------------------------------------------------------- services

    /** Number of {@link #services} filled in. */
    public int serviceCount;
    /** Pre-allocated service requests. */
    public final ServiceRequest[] services = new ServiceRequest[MAX_SERVICES];

    // ---------------------------------------------------------------- admin / event

    /** Money amount in minor units (TOP_UP, REFUND, DIRECT_DEBIT by amount, CHECK_BALANCE). */
    public long amountMinor;
    /**
     * Account id for admin commands (0 = resolve by identities instead). Written by the ledger with the resolved
     * or created account's id.
     */
    public long accountId;
    /** Idempotency key of TOP_UP/REFUND. */
    public final byte[] idempotencyKey = new byte[MAX_IDEMPOTENCY_KEY_LENGTH];
    /** Valid bytes in {@link #idempotencyKey}; 0 = none. */
    public int idempotencyKeyLength;
    /**
     * Structured data of rare admin commands ({@link AccountSpec}, {@link AccountUpdate}, {@link BucketSpec},
     * {@code TariffTable}); on queries the ledger replaces it with the answer ({@link AccountView}, list of
     * {@link SessionView}).
     */
    public Object payload;

    // ---------------------------------------------------------------- results (written by the ledger)

    /** Command-level outcome. */
    public LedgerResult result = LedgerResult.SUCCESS;
    /** Per-service answers, index-aligned with {@link #services}. */
    public final ServiceResult[] serviceResults = new ServiceResult[MAX_SERVICES];
    /** Money balance after the command, minor units. */
    public long balanceMinor;
    /** Balance + credit limit - reserved after the command. */
    public long availableMinor;
    /** The account's balance is under its low-balance threshold. */
    public boolean lowBalance;
    /** PRICE_ENQUIRY answer, minor units. */
    public long costMinor;
    /** CHECK_BALANCE answer. */
    public boolean checkBalanceEnough;
    /** The recorded answer of an earlier identical request was returned; nothing changed. */
    public boolean duplicate;
    /** Pilot mode: what production would have denied with, SUCCESS when nothing. */
    public LedgerResult wouldDenyReason = LedgerResult.SUCCESS;
    /** Ledger sequence of the journal record holding this command's events; 0 when nothing was journaled. */
    public long journalSequence;

    /** Allocates the slot and its nested arrays once. */
    public LedgerCommand()
    {
        for (int i = 0; i < MAX_SERVICES; i++)
        {
            services[i] = new ServiceRequest();
            serviceResults[i] = new ServiceResult();
        }
    }

    /**
     * Clear every input field; producers call this first in their translator. The results are left to the ledger,
     * which clears them before deciding ({@link #resetResults()}): clearing them here too would pull their cache
     * lines to the producer's core and back for every command.
     *
     * @return this.
     */
    public LedgerCommand reset()
    {
        type = null;
        sessionKeyHashed = false;
        timestampMs = 0;
        replyLane = 0;
        replyToken = 0;
        replyToken2 = 0;
        sessionKeyLength = 0;
        newSessionKeyLength = 0;
        requestNumber = 0;
        cumulativeUsage = false;
        originKey = 0;
        sessionContextLength = 0;
        supervisionMs = 0;
        identityCount = 0;
        serviceCount = 0;
        amountMinor = 0;
        accountId = 0;
        idempotencyKeyLength = 0;
        payload = null;
        return this;
    }

    /**
     * Clear the result fields; the ledger calls this before deciding. Only the results of the services present
     * are cleared (results beyond {@link #serviceCount} are meaningless), which keeps the hot path short.
     */
    public void resetResults()
    {
        result = LedgerResult.SUCCESS;
        balanceMinor = 0;
        availableMinor = 0;
        lowBalance = false;
        costMinor = 0;
        checkBalanceEnough = false;
        duplicate = false;
        wouldDenyReason = LedgerResult.SUCCESS;
        journalSequence = 0;
        final int services = Math.min(Math.max(serviceCount, 0), MAX_SERVICES);
        for (int i = 0; i < services; i++)
        {
            serviceResults[i].reset();
        }
    }

    /**
     * Hash the session key now, on the calling thread. The pipeline calls this on the producer's thread once the
     * translator has filled the slot, so the single ledger thread finds the session without hashing its key (ledger
     * time is the system's bottleneck; event loops have time to spare). A key too long to be valid is left unhashed.
     */
    void hashSessionKey()
    {
        final int length = sessionKeyLength;
        if (length > 0 && length <= MAX_SESSION_KEY_LENGTH)
        {
            sessionKeyHash = Hashing.hash(sessionKey, 0, length);
            sessionKeyHashed = true;
        }
    }

    /**
     * @return the {@link Hashing#hash} of the session key: the one computed when the command was published, or
     * computed now (a command processed without the pipeline).
     */
    public long sessionKeyHash()
    {
        return sessionKeyHashed ? sessionKeyHash : Hashing.hash(sessionKey, 0, sessionKeyLength);
    }

    /**
     * Copy the session key.
     *
     * @param src    source bytes.
     * @param offset first byte.
     * @param length number of bytes.
     * @return false (and nothing copied) when longer than {@link LedgerLimits#MAX_SESSION_KEY_LENGTH}.
     */
    public boolean sessionKey(final byte[] src, final int offset, final int length)
    {
        if (length < 0 || length > MAX_SESSION_KEY_LENGTH)
        {
            return false;
        }
        System.arraycopy(src, offset, sessionKey, 0, length);
        sessionKeyLength = length;
        sessionKeyHashed = false;
        return true;
    }

    /**
     * Copy the session key from ASCII text (tests and tools; iterates the chars, no String built).
     *
     * @param text key text, ASCII.
     * @return false when too long.
     */
    public boolean sessionKey(final CharSequence text)
    {
        final int length = text.length();
        if (length > MAX_SESSION_KEY_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            sessionKey[i] = (byte)text.charAt(i);
        }
        sessionKeyLength = length;
        sessionKeyHashed = false;
        return true;
    }

    /**
     * Copy the RENAME_SESSION target key.
     *
     * @param src    source bytes.
     * @param offset first byte.
     * @param length number of bytes.
     * @return false when too long.
     */
    public boolean newSessionKey(final byte[] src, final int offset, final int length)
    {
        if (length < 0 || length > MAX_SESSION_KEY_LENGTH)
        {
            return false;
        }
        System.arraycopy(src, offset, newSessionKey, 0, length);
        newSessionKeyLength = length;
        return true;
    }

    /**
     * Copy the opaque session context.
     *
     * @param src    source bytes.
     * @param offset first byte.
     * @param length number of bytes.
     * @return false when longer than {@link LedgerLimits#MAX_SESSION_CONTEXT_LENGTH}.
     */
    public boolean sessionContext(final byte[] src, final int offset, final int length)
    {
        if (length < 0 || length > MAX_SESSION_CONTEXT_LENGTH)
        {
            return false;
        }
        System.arraycopy(src, offset, sessionContext, 0, length);
        sessionContextLength = length;
        return true;
    }

    /**
     * Append an identity.
     *
     * @param type   {@link IdentityType}.
     * @param src    bytes.
     * @param offset first byte.
     * @param length number of bytes.
     * @return false when four identities are already present or the identity is too long.
     */
    public boolean addIdentity(final int type, final byte[] src, final int offset, final int length)
    {
        if (identityCount >= MAX_IDENTITIES || length < 0 || length > MAX_IDENTITY_LENGTH)
        {
            return false;
        }
        final int i = identityCount++;
        identityType[i] = type;
        System.arraycopy(src, offset, identity[i], 0, length);
        identityLength[i] = length;
        return true;
    }

    /**
     * Append an identity from ASCII text (tests and tools).
     *
     * @param type {@link IdentityType}.
     * @param text identity text, ASCII.
     * @return false when full or too long.
     */
    public boolean addIdentity(final int type, final CharSequence text)
    {
        final int length = text.length();
        if (identityCount >= MAX_IDENTITIES || length > MAX_IDENTITY_LENGTH)
        {
            return false;
        }
        final int i = identityCount++;
        identityType[i] = type;
        final byte[] dst = identity[i];
        for (int c = 0; c < length; c++)
        {
            dst[c] = (byte)text.charAt(c);
        }
        identityLength[i] = length;
        return true;
    }

    /**
     * Copy the idempotency key.
     *
     * @param src    bytes.
     * @param offset first byte.
     * @param length number of bytes.
     * @return false when longer than {@link LedgerLimits#MAX_IDEMPOTENCY_KEY_LENGTH}.
     */
    public boolean idempotencyKey(final byte[] src, final int offset, final int length)
    {
        if (length < 0 || length > MAX_IDEMPOTENCY_KEY_LENGTH)
        {
            return false;
        }
        System.arraycopy(src, offset, idempotencyKey, 0, length);
        idempotencyKeyLength = length;
        return true;
    }

    /**
     * Copy the idempotency key from ASCII text (tests and tools).
     *
     * @param text key text.
     * @return false when too long.
     */
    public boolean idempotencyKey(final CharSequence text)
    {
        final int length = text.length();
        if (length > MAX_IDEMPOTENCY_KEY_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            idempotencyKey[i] = (byte)text.charAt(i);
        }
        idempotencyKeyLength = length;
        return true;
    }

    /**
     * Append a service request.
     *
     * @param ratingGroup    rating group or -1.
     * @param requestedUnits -1 none, 0 default grant, or amount.
     * @param usedUnits      -1 none, or used units.
     * @return the entry for further fields, or null when 32 are present.
     */
    public ServiceRequest addService(final long ratingGroup, final long requestedUnits, final long usedUnits)
    {
        if (serviceCount >= MAX_SERVICES)
        {
            return null;
        }
        return services[serviceCount++].set(ratingGroup, requestedUnits, usedUnits);
    }

    /**
     * Copy every input field of another slot (used to re-feed recorded commands; results are not copied).
     *
     * @param other source slot.
     * @return this.
     */
    public LedgerCommand copyInputsFrom(final LedgerCommand other)
    {
        type = other.type;
        timestampMs = other.timestampMs;
        replyLane = other.replyLane;
        replyToken = other.replyToken;
        replyToken2 = other.replyToken2;
        System.arraycopy(other.sessionKey, 0, sessionKey, 0, other.sessionKeyLength);
        sessionKeyLength = other.sessionKeyLength;
        sessionKeyHashed = false;
        System.arraycopy(other.newSessionKey, 0, newSessionKey, 0, other.newSessionKeyLength);
        newSessionKeyLength = other.newSessionKeyLength;
        requestNumber = other.requestNumber;
        cumulativeUsage = other.cumulativeUsage;
        originKey = other.originKey;
        System.arraycopy(other.sessionContext, 0, sessionContext, 0, other.sessionContextLength);
        sessionContextLength = other.sessionContextLength;
        supervisionMs = other.supervisionMs;
        identityCount = other.identityCount;
        for (int i = 0; i < other.identityCount; i++)
        {
            identityType[i] = other.identityType[i];
            System.arraycopy(other.identity[i], 0, identity[i], 0, other.identityLength[i]);
            identityLength[i] = other.identityLength[i];
        }
        serviceCount = other.serviceCount;
        for (int i = 0; i < other.serviceCount; i++)
        {
            final ServiceRequest src = other.services[i];
            final ServiceRequest dst = services[i];
            dst.ratingGroup = src.ratingGroup;
            dst.serviceIdentifier = src.serviceIdentifier;
            dst.requestedUnits = src.requestedUnits;
            dst.usedUnits = src.usedUnits;
            dst.reportingReason = src.reportingReason;
        }
        amountMinor = other.amountMinor;
        accountId = other.accountId;
        System.arraycopy(other.idempotencyKey, 0, idempotencyKey, 0, other.idempotencyKeyLength);
        idempotencyKeyLength = other.idempotencyKeyLength;
        payload = other.payload;
        return this;
    }
}
