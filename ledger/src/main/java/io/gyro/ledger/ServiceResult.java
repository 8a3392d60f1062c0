package io.gyro.ledger;

import io.gyro.ledger.rating.Tariff;

/**
 * The ledger's answer for one service, written on the ledger thread into the pre-allocated slot. Thresholds are
 * absolute units (0 = none); the field matching the tariff's unit type is set.
 */
public final class ServiceResult
{
    /** Echo of the request's rating group. */
    public long ratingGroup;
    /** Echo of the request's service identifier. */
    public long serviceIdentifier;
    /** Outcome for this service (per-MSCC Result-Code). */
    public LedgerResult result = LedgerResult.SUCCESS;
    /** Granted-Service-Unit amount in {@link #unitType}; 0 when nothing was granted. */
    public long grantedUnits;
    /** {@link UnitType} of the tariff used; 0 when no tariff applied. */
    public int unitType;
    /** Validity-Time in seconds (RFC 4006 section 8.33); 0 when nothing was granted. */
    public long validityTimeSec;
    /** This grant exhausts the balance: send Final-Unit-Indication. */
    public boolean finalUnits;
    /** {@link FinalUnitAction} from the tariff, meaningful when {@link #finalUnits}. */
    public int finalUnitAction;
    /** Volume-Quota-Threshold in octets (3GPP TS 32.299 section 7.2.236), 0 = none. */
    public long volumeThreshold;
    /** Time-Quota-Threshold in seconds (3GPP TS 32.299 section 7.2.213), 0 = none. */
    public long timeThreshold;
    /** Unit-Quota-Threshold in events (3GPP TS 32.299 section 7.2.222), 0 = none. */
    public long unitThreshold;
    /** Quota-Holding-Time in seconds (3GPP TS 32.299 section 7.2.153), 0 = none. */
    public long quotaHoldingTimeSec;
    /** Money charged by this command for this service, minor units. */
    public long chargedMinor;
    /** Units used in the session so far for this rating group (RADIUS volume limits count the whole session). */
    public long cumulativeUsedUnits;
    /** Usage reported beyond what was granted, charged in full. */
    public long overageUnits;
    /**
     * The immutable tariff version the grant was rated on (redirect address, filter id); null when none applied.
     * Read-only for the server.
     */
    public Tariff tariff;

    /**
     * Reset before the ledger writes an answer.
     *
     * @return this.
     */
    public ServiceResult reset()
    {
        ratingGroup = ServiceRequest.NONE;
        serviceIdentifier = ServiceRequest.NONE;
        result = LedgerResult.SUCCESS;
        grantedUnits = 0;
        unitType = 0;
        validityTimeSec = 0;
        finalUnits = false;
        finalUnitAction = 0;
        volumeThreshold = 0;
        timeThreshold = 0;
        unitThreshold = 0;
        quotaHoldingTimeSec = 0;
        chargedMinor = 0;
        cumulativeUsedUnits = 0;
        overageUnits = 0;
        tariff = null;
        return this;
    }
}
