package io.gyro.server.radius;

import io.gyro.config.model.GyroConfiguration;
import io.gyro.config.model.RadiusConfiguration;
import io.gyro.config.model.RadiusIdentity;

import java.util.List;

/**
 * The RADIUS options the lane reads on every request, taken once from the validated configuration.
 *
 * @param identityOrder              attributes tried, in order, to find the subscriber.
 * @param acctInterimIntervalSeconds Acct-Interim-Interval sent in Access-Accept (RFC 2869 §5.16).
 * @param adoptionTimeoutMs          supervision of an Access-Accept reservation until its Accounting-Start.
 * @param sessionSupervisionMs       supervision of an accounting session between two reports.
 * @param duplicateCacheTimeMs       how long responses are kept for retransmissions (RFC 5080 §2.2.2).
 * @param coaPort                    the NAS's Disconnect/CoA port (RFC 5176 §3).
 * @param coaMaxTransmissions        MRC (RFC 5080 §2.2.1).
 * @param coaInitialTimeoutMs        IRT.
 * @param coaMaxTimeoutMs            MRT.
 * @param coaMaxDurationMs           MRD.
 * @param pilot                      pilot mode: unknown subscribers are served (and recorded) like known ones.
 * @param replayWindowMs             an Accounting-Start that adopts no reservation and was sent longer ago than
 *                                   this (by its Event-Timestamp plus Acct-Delay-Time) is a replay.
 */
public record RadiusSettings(
    List<RadiusIdentity> identityOrder,
    long acctInterimIntervalSeconds,
    long adoptionTimeoutMs,
    long sessionSupervisionMs,
    long duplicateCacheTimeMs,
    int coaPort,
    int coaMaxTransmissions,
    long coaInitialTimeoutMs,
    long coaMaxTimeoutMs,
    long coaMaxDurationMs,
    boolean pilot,
    long replayWindowMs)
{
    /**
     * The replay window is this fraction of the ledger's closed-session retention ({@code
     * ledger.closed-session-retention}): a Start inside the window still finds its closed session (kept for the
     * whole retention after its Stop) and gets its recorded answer instead of opening a second session; the other
     * half allows for a NAS clock that runs ahead of ours. A NAS clock behind ours by more than the window makes
     * genuine Starts look old (counted as stale starts), so NAS clocks must be NTP-synchronised. A Start that adopts
     * its Class reservation is never dated: the open reservation already proves it new.
     */
    static final long REPLAY_WINDOW_DIVISOR = 2;

    /**
     * Interim reports a session may miss before supervision releases it: a NAS that skips one report (a lost
     * packet, a busy box) keeps its session; three missing reports mean the NAS lost it without a Stop.
     */
    static final int MISSED_INTERIMS_BEFORE_RELEASE = 3;
    /** Acct-Interim-Interval is never sent below this (RFC 2869 §5.16: "MUST NOT be smaller than 60"). */
    static final long MIN_ACCT_INTERIM_INTERVAL_SECONDS = 60;

    /**
     * @param configuration the validated configuration.
     * @return the settings.
     */
    public static RadiusSettings from(final GyroConfiguration configuration)
    {
        final RadiusConfiguration radius = configuration.radius();
        final long interval = Math.max(MIN_ACCT_INTERIM_INTERVAL_SECONDS, radius.acctInterimIntervalSeconds());
        // A NAS that sends no interims at all is still covered by the ledger's default supervision.
        final long supervision = Math.max(MISSED_INTERIMS_BEFORE_RELEASE * interval * 1000,
            configuration.ledger().defaultSupervisionMs());
        return new RadiusSettings(radius.identityOrder(), interval, radius.reservationAdoptionTimeoutMs(),
            supervision, radius.duplicateCacheTimeMs(), radius.coaPort(), radius.coaMaxTransmissions(),
            radius.coaInitialTimeoutMs(), radius.coaMaxTimeoutMs(), radius.coaMaxDurationMs(),
            configuration.isPilot(), configuration.ledger().closedSessionRetentionMs() / REPLAY_WINDOW_DIVISOR);
    }
}
