package io.gyro.config.model;

/**
 * A usage tier: once the subscriber has used {@code fromUnits} in the billing period, further quanta cost
 * {@code priceMinor}. Below the first tier the tariff's own price applies.
 *
 * @param fromUnits  usage in the period at which the tier starts, in the tariff's unit.
 * @param priceMinor price of one quantum in this tier.
 */
public record PriceTier(long fromUnits, long priceMinor)
{
}
