package io.gyro.config.model;

import java.time.ZoneId;
import java.util.List;

/**
 * The price of one rating group (ARCHITECTURE.md §3). Charge so far = ceil(used so far / quantum) x price,
 * at the band or tier price that applies. All amounts are minor units at {@code ledger.money-scale};
 * all quantities are in the tariff's {@link #unit()} (octets, seconds or events). Optional quantities
 * are 0 when not configured, and the matching AVP is then not sent.
 *
 * @param ratingGroup            Rating-Group (AVP 432), or {@link #DEFAULT_RATING_GROUP} for the default tariff.
 * @param name                   label for CDRs, logs and the admin API.
 * @param unit                   what is counted.
 * @param quantumUnits           units per priced quantum (1 MiB = 1048576 for "per started MiB").
 * @param priceMinor             price of one quantum outside bands and tiers.
 * @param defaultGrantUnits      grant when the request names no amount.
 * @param maxGrantUnits          the largest single grant.
 * @param validityTimeSeconds    Validity-Time (AVP 448, RFC 4006 §8.33); 0 = not sent.
 * @param volumeThresholdOctets  Volume-Quota-Threshold (3GPP AVP 869); 0 = not sent.
 * @param timeThresholdSeconds   Time-Quota-Threshold (3GPP AVP 868); 0 = not sent.
 * @param unitThreshold          Unit-Quota-Threshold (3GPP AVP 1226); 0 = not sent.
 * @param quotaHoldingTimeSeconds Quota-Holding-Time (3GPP AVP 871); 0 = not sent.
 * @param finalUnitAction        what the client does with the final grant (RFC 4006 §8.35).
 * @param redirectAddressType    with {@link FinalUnitAction#REDIRECT}: the address type; otherwise null.
 * @param redirectAddress        with {@link FinalUnitAction#REDIRECT}: the address; otherwise null.
 * @param restrictionFilterRules with {@link FinalUnitAction#RESTRICT_ACCESS}: IPFilterRules (RFC 6733 §4.3.1).
 * @param filterId               with {@link FinalUnitAction#RESTRICT_ACCESS}: a Filter-Id (AVP 11); else null.
 * @param timeZone               the zone in which bands' clock times are read.
 * @param bands                  time-of-day prices, non-overlapping, in ascending order.
 * @param tiers                  usage-tier prices by the account's units used in its billing period, ascending.
 */
public record TariffConfiguration(
    long ratingGroup,
    String name,
    UnitType unit,
    long quantumUnits,
    long priceMinor,
    long defaultGrantUnits,
    long maxGrantUnits,
    long validityTimeSeconds,
    long volumeThresholdOctets,
    long timeThresholdSeconds,
    long unitThreshold,
    long quotaHoldingTimeSeconds,
    FinalUnitAction finalUnitAction,
    RedirectAddressType redirectAddressType,
    String redirectAddress,
    List<String> restrictionFilterRules,
    String filterId,
    ZoneId timeZone,
    List<TimeBand> bands,
    List<PriceTier> tiers)
{
    /** The rating group of the {@code default} tariff, which prices any rating group without its own tariff. */
    public static final long DEFAULT_RATING_GROUP = -1;

    /** Copies the lists so the record stays immutable. */
    public TariffConfiguration
    {
        restrictionFilterRules = List.copyOf(restrictionFilterRules);
        bands = List.copyOf(bands);
        tiers = List.copyOf(tiers);
    }

    /** @return whether this is the {@code default} tariff. */
    public boolean isDefault()
    {
        return DEFAULT_RATING_GROUP == ratingGroup;
    }
}
