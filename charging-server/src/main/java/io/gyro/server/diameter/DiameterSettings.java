package io.gyro.server.diameter;

import io.gyro.config.model.GyroConfiguration;

/**
 * The Diameter options a lane works with, taken from the configuration once.
 *
 * @param watchdogIntervalMs  Tw (RFC 3539 §3.4.1).
 * @param cerTimeoutMs        how long a new connection may stay silent before CER (RFC 6733 §5.6.1).
 * @param maxMscc             most MSCCs per CCR (5009 beyond).
 * @param defaultRatingGroup  rating group of command-level RSU/USU (-1: the default tariff).
 * @param maxMessageLength    largest message accepted.
 * @param duplicateWindowMs   how long answers are kept for retransmissions (End-to-End window, §3).
 * @param answerCacheCapacity most answers kept for retransmissions per lane.
 * @param pendingCapacity     requests in flight per lane before 3004.
 * @param currencyCode        ISO 4217 code for Cost-Information.
 * @param moneyScale          decimal places of minor units.
 * @param lowBalanceIndication whether Low-Balance-Indication is sent.
 * @param serverRequestTimeoutMs how long an RAR/ASR waits for its answer.
 */
public record DiameterSettings(
    long watchdogIntervalMs,
    long cerTimeoutMs,
    int maxMscc,
    long defaultRatingGroup,
    int maxMessageLength,
    long duplicateWindowMs,
    int answerCacheCapacity,
    int pendingCapacity,
    int currencyCode,
    int moneyScale,
    boolean lowBalanceIndication,
    long serverRequestTimeoutMs)
{
    /** Answers kept per lane for retransmissions: 64 Ki answers, about 32 MiB. */
    public static final int DEFAULT_ANSWER_CACHE_CAPACITY = 1 << 16;
    /** Requests in flight per lane: a quarter of the default ring, so one lane cannot starve the others. */
    public static final int DEFAULT_PENDING_CAPACITY = 1 << 14;
    /** RFC 4006 §13 suggests Tx of about 10 s for a client; the same bound waits for RAA/ASA. */
    public static final long DEFAULT_SERVER_REQUEST_TIMEOUT_MS = 10_000;

    /**
     * @param configuration the server configuration.
     * @return the settings.
     */
    public static DiameterSettings from(final GyroConfiguration configuration)
    {
        return new DiameterSettings(
            configuration.diameter().watchdogIntervalMs(),
            configuration.diameter().cerTimeoutMs(),
            configuration.diameter().maxMscc(),
            configuration.diameter().defaultRatingGroup(),
            configuration.diameter().maxMessageLength(),
            configuration.diameter().duplicateWindowMs(),
            DEFAULT_ANSWER_CACHE_CAPACITY,
            DEFAULT_PENDING_CAPACITY,
            configuration.diameter().currencyCode(),
            configuration.ledger().moneyScale(),
            configuration.diameter().lowBalanceIndication(),
            DEFAULT_SERVER_REQUEST_TIMEOUT_MS);
    }
}
