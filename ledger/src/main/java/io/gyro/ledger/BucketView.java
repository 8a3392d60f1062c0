package io.gyro.ledger;

/**
 * A bucket as seen by GET_ACCOUNT.
 *
 * @param bucketId      ledger bucket id.
 * @param unitType      {@link UnitType}.
 * @param ratingGroup   scope or -1.
 * @param expiryMs      expiry or 0.
 * @param expired       whether TICK has expired it.
 * @param creditedUnits units ever added.
 * @param balanceUnits  units left (including reserved).
 * @param reservedUnits units held by reservations.
 * @param consumedUnits units used.
 * @param expiredUnits  units lost to expiry.
 */
public record BucketView(
    long bucketId,
    int unitType,
    long ratingGroup,
    long expiryMs,
    boolean expired,
    long creditedUnits,
    long balanceUnits,
    long reservedUnits,
    long consumedUnits,
    long expiredUnits)
{
}
