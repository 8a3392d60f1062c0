package io.gyro.ledger.internal;

import io.gyro.ledger.rating.Tariff;

/**
 * Per session and rating group: the outstanding grant (if any) and the cumulative usage and payment that make
 * rounding cumulative: charged so far covers ceil(used so far / quantum) quanta, because new quanta are only
 * bought for units beyond {@link #paidUnits}. Pooled with its session; mutated only by applying events.
 */
public final class Reservation
{
    long ratingGroup;
    long serviceIdentifier;
    /** Tariff version and price of the current (or last) grant: usage is charged at the grant's rate. */
    Tariff tariff;
    long priceMinor;
    long quantumUnits;
    /** Outstanding grant; all zero when no reservation is held. */
    boolean active;
    long grantedUnits;
    int bucketIndex = -1;
    long bucketUnits;
    long reservedMinor;
    long validityEndMs;
    boolean finalUnits;
    /** The last grant attempt was refused for lack of credit, or was final: re-authorise after a top-up. */
    boolean starved;
    /** Session totals for the rating group. */
    long usedUnits;
    long paidUnits;
    long chargedMinor;
    /** RADIUS: last cumulative counter committed. */
    long lastCounter;

    void reset()
    {
        ratingGroup = 0;
        serviceIdentifier = -1;
        tariff = null;
        priceMinor = 0;
        quantumUnits = 1;
        clearGrant();
        starved = false;
        usedUnits = 0;
        paidUnits = 0;
        chargedMinor = 0;
        lastCounter = 0;
    }

    void clearGrant()
    {
        active = false;
        grantedUnits = 0;
        bucketIndex = -1;
        bucketUnits = 0;
        reservedMinor = 0;
        validityEndMs = 0;
        finalUnits = false;
    }
}
