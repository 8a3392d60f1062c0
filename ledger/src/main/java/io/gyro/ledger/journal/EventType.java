package io.gyro.ledger.journal;

/**
 * Event type codes and their payload fields, in order (each a zigzag varint, see {@link JournalRecordDescriptor};
 * "int"/"long" below name the Java type the field decodes to). Byte fields ("bytes", "key") are a varint length
 * followed by the bytes. Codes are stable forever; a changed layout
 * gets a new document format version and the decoder keeps reading the old one.
 */
public final class EventType
{
    /** int account, int status, int billingDay, long opening, long creditLimit, long threshold. */
    public static final int ACCOUNT_CREATED = 1;
    /** int account, int status, int billingDay, long creditLimit, long threshold. */
    public static final int ACCOUNT_UPDATED = 2;
    /** int account. */
    public static final int ACCOUNT_DELETED = 3;
    /** int account, int type, bytes. */
    public static final int IDENTITY_ADDED = 4;
    /** int account, bytes. */
    public static final int CREDENTIAL_SET = 5;
    /** int account, int kind, long amount. */
    public static final int MONEY_CREDITED = 6;
    /** int account, long amount. */
    public static final int MONEY_DEBITED = 7;
    /** int account, int bucket, int unitType, long ratingGroup, long units, long expiryMs. */
    public static final int BUCKET_ADDED = 8;
    /** int bucket, long expiredUnits. */
    public static final int BUCKET_EXPIRED = 9;
    /** long version, table bytes. */
    public static final int TARIFFS_SET = 10;
    /** long session, int account, int state, int cumulative, long origin, long supervision, key, context. */
    public static final int SESSION_OPENED = 11;
    /** see {@link LedgerEvents#unitsReserved}. */
    public static final int UNITS_RESERVED = 12;
    /** see {@link LedgerEvents#usageCommitted}. */
    public static final int USAGE_COMMITTED = 13;
    /** see {@link LedgerEvents#reservationReleased}. */
    public static final int RESERVATION_RELEASED = 14;
    /** long session, int state, int reason, long retainUntil. */
    public static final int SESSION_CLOSED = 15;
    /** long session. */
    public static final int SESSION_REMOVED = 16;
    /** long session, int cumulative, long origin, long supervision, long deadline, key. */
    public static final int SESSION_RENAMED = 17;
    /** long session, long requestNumber, long deadline, answer bytes. */
    public static final int ANSWERED = 18;
    /** int account, long ratingGroup, long units, int bucket, long bucketUnits, long charged, int period. */
    public static final int DIRECT_CHARGED = 19;
    /** int account, long amount, long expiresAt, key bytes. */
    public static final int IDEMPOTENCY_RECORDED = 20;
    /** long now. */
    public static final int IDEMPOTENCY_PURGED = 21;
    /** opaque bytes. */
    public static final int UNRATED_RECORDED = 22;
    /** long requestNumber, long expiresAt, key bytes, answer bytes. */
    public static final int EVENT_ANSWER_RECORDED = 23;
    /** long now, int evictOldest. */
    public static final int EVENT_ANSWERS_PURGED = 24;
    /** long origin, long boundary session id. */
    public static final int ORIGIN_EPOCH_ADVANCED = 25;
    /** long session, long ratingGroup, int bucket, long units: see {@link LedgerEvents#bucketUnitsConsumed}. */
    public static final int BUCKET_UNITS_CONSUMED = 26;

    private EventType()
    {
    }

    /**
     * Name for the dump tool.
     *
     * @param type code.
     * @return name.
     */
    public static String name(final int type)
    {
        switch (type)
        {
            case ACCOUNT_CREATED: return "AccountCreated";
            case ACCOUNT_UPDATED: return "AccountUpdated";
            case ACCOUNT_DELETED: return "AccountDeleted";
            case IDENTITY_ADDED: return "IdentityAdded";
            case CREDENTIAL_SET: return "CredentialSet";
            case MONEY_CREDITED: return "MoneyCredited";
            case MONEY_DEBITED: return "MoneyDebited";
            case BUCKET_ADDED: return "BucketAdded";
            case BUCKET_EXPIRED: return "BucketExpired";
            case TARIFFS_SET: return "TariffsSet";
            case SESSION_OPENED: return "SessionOpened";
            case UNITS_RESERVED: return "UnitsReserved";
            case USAGE_COMMITTED: return "UsageCommitted";
            case RESERVATION_RELEASED: return "ReservationReleased";
            case SESSION_CLOSED: return "SessionClosed";
            case SESSION_REMOVED: return "SessionRemoved";
            case SESSION_RENAMED: return "SessionRenamed";
            case ANSWERED: return "Answered";
            case DIRECT_CHARGED: return "DirectCharged";
            case IDEMPOTENCY_RECORDED: return "IdempotencyRecorded";
            case IDEMPOTENCY_PURGED: return "IdempotencyPurged";
            case UNRATED_RECORDED: return "UnratedRecorded";
            case EVENT_ANSWER_RECORDED: return "EventAnswerRecorded";
            case EVENT_ANSWERS_PURGED: return "EventAnswersPurged";
            case ORIGIN_EPOCH_ADVANCED: return "OriginEpochAdvanced";
            case BUCKET_UNITS_CONSUMED: return "BucketUnitsConsumed";
            default: return "Unknown(" + type + ")";
        }
    }
}
