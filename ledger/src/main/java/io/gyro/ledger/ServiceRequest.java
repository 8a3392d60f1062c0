package io.gyro.ledger;

/**
 * One service of a command (a Multiple-Services-Credit-Control entry, RFC 4006 section 8.16). Pre-allocated in
 * the ring slot; the unit type is the tariff's: the server converts octets, seconds or events.
 */
public final class ServiceRequest
{
    /** No rating group / service identifier / usage. */
    public static final long NONE = -1;

    /**
     * {@link #usedUnits} when usage was reported, but only in unit kinds the service's tariff does not count (e.g.
     * seconds for an octets tariff): it cannot be rated (RFC 4006 section 9.2, DIAMETER_RATING_FAILED), is recorded
     * unrated and ends the service's grant. Distinct from a report of zero units. Also {@link #requestedUnits} when
     * the units asked for are only of such kinds (RFC 4006 section 8.18: an unsupported unit type is an invalid AVP):
     * a one-time event (debit, refund, price enquiry, balance check) is refused as RATING_FAILED rather than rated
     * as a default amount, and a session service gets RATING_FAILED and no grant (its usage is still committed).
     */
    public static final long UNRATABLE = -2;

    /** Rating-Group (RFC 4006 section 8.29), or -1: command level, rated on the default tariff. */
    public long ratingGroup = NONE;
    /** Service-Identifier (RFC 4006 section 8.28), or -1. */
    public long serviceIdentifier = NONE;
    /**
     * Requested-Service-Unit: -1 = no RSU (commit only, grant nothing), 0 = empty RSU (the tariff's default grant),
     * more = amount, granted as min(amount, tariff maximum, what the balance covers).
     */
    public long requestedUnits = NONE;
    /**
     * Used-Service-Unit: -1 = none reported. A delta for Diameter; a session-cumulative counter when the
     * command's {@code cumulativeUsage} is set (RADIUS).
     */
    public long usedUnits = NONE;
    /** Reporting-Reason (3GPP TS 32.299 section 7.2.175), journaled for CDRs; 0 when absent. */
    public int reportingReason;

    /**
     * Reset to "nothing requested".
     *
     * @return this.
     */
    public ServiceRequest reset()
    {
        ratingGroup = NONE;
        serviceIdentifier = NONE;
        requestedUnits = NONE;
        usedUnits = NONE;
        reportingReason = 0;
        return this;
    }

    /**
     * Fill in one call.
     *
     * @param ratingGroup    rating group or -1.
     * @param requestedUnits requested units (-1, 0 or an amount).
     * @param usedUnits      used units or -1.
     * @return this.
     */
    public ServiceRequest set(final long ratingGroup, final long requestedUnits, final long usedUnits)
    {
        this.ratingGroup = ratingGroup;
        this.serviceIdentifier = NONE;
        this.requestedUnits = requestedUnits;
        this.usedUnits = usedUnits;
        this.reportingReason = 0;
        return this;
    }
}
