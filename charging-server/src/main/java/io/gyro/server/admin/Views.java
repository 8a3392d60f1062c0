package io.gyro.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyro.config.Money;
import io.gyro.config.Sizes;
import io.gyro.ledger.AccountStatus;
import io.gyro.ledger.AccountView;
import io.gyro.ledger.BucketView;
import io.gyro.ledger.FinalUnitAction;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.SessionView;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.rating.TariffTable;
import io.gyro.server.session.SessionContext;
import io.gyro.server.session.SessionKeyText;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * JSON views of ledger answers. Amounts appear twice: exact minor units ({@code balanceMinor}) and the decimal
 * text at the money scale ({@code balance}); the minor-unit fields and {@code moneyScale} are the contract
 * other tools (the simulator) read.
 */
final class Views
{
    private Views()
    {
    }

    static ObjectNode account(final AccountView view, final int scale)
    {
        final ObjectNode node = ApiResponses.object();
        node.put("accountId", view.accountId());
        node.put("status", AccountStatus.name(view.status()));
        // Stable order for clients: by identity type (msisdn, imsi, sip_uri, nai, private), then value.
        final List<String> sorted = new ArrayList<>(view.identities());
        sorted.sort(Comparator.comparingInt((String identity) ->
            identityTypeByName(identity.substring(0, identity.indexOf(':')))).thenComparing(identity -> identity));
        final ArrayNode identities = node.putArray("identities");
        for (final String identity : sorted)
        {
            final int colon = identity.indexOf(':');
            final String typeName = identity.substring(0, colon);
            identities.addObject()
                .put("type", Fields.identityTypeName(identityTypeByName(typeName)))
                .put("value", identity.substring(colon + 1));
        }
        node.put("moneyScale", scale);
        money(node, "balance", view.balanceMinor(), scale);
        money(node, "reserved", view.reservedMinor(), scale);
        money(node, "available", view.availableMinor(), scale);
        money(node, "creditLimit", view.creditLimitMinor(), scale);
        money(node, "consumed", view.consumedMinor(), scale);
        money(node, "credited", view.creditedMinor(), scale);
        money(node, "lowBalanceThreshold", view.lowBalanceThresholdMinor(), scale);
        node.put("billingDay", view.billingDay());
        node.put("openSessions", view.openSessions());
        final ArrayNode buckets = node.putArray("buckets");
        final List<BucketView> byId = new ArrayList<>(view.buckets());
        byId.sort(Comparator.comparingLong(BucketView::bucketId));
        for (final BucketView bucket : byId)
        {
            buckets.add(bucket(bucket));
        }
        return node;
    }

    private static int identityTypeByName(final String name)
    {
        for (int type = 0; type <= IdentityType.ACCOUNT_ID; type++)
        {
            if (IdentityType.isValid(type) && IdentityType.name(type).equals(name))
            {
                return type;
            }
        }
        return -1;
    }

    static void money(final ObjectNode node, final String name, final long minor, final int scale)
    {
        node.put(name + "Minor", minor);
        node.put(name, Money.format(minor, scale));
    }

    static ObjectNode bucket(final BucketView bucket)
    {
        final ObjectNode node = ApiResponses.object();
        node.put("bucketId", bucket.bucketId());
        node.put("unit", UnitType.name(bucket.unitType()));
        if (bucket.ratingGroup() >= 0)
        {
            node.put("ratingGroup", bucket.ratingGroup());
        }
        else
        {
            node.putNull("ratingGroup");
        }
        if (0 != bucket.expiryMs())
        {
            node.put("expiresAt", Instant.ofEpochMilli(bucket.expiryMs()).toString());
        }
        else
        {
            node.putNull("expiresAt");
        }
        node.put("expired", bucket.expired());
        node.put("creditedUnits", bucket.creditedUnits());
        node.put("balanceUnits", bucket.balanceUnits());
        node.put("reservedUnits", bucket.reservedUnits());
        node.put("availableUnits", bucket.balanceUnits() - bucket.reservedUnits());
        node.put("consumedUnits", bucket.consumedUnits());
        node.put("expiredUnits", bucket.expiredUnits());
        return node;
    }

    static ObjectNode session(final SessionView session, final int scale)
    {
        final byte[] context = session.sessionContext();
        final ObjectNode node = ApiResponses.object();
        node.put("sessionId", SessionKeyText.of(session.sessionKey()));
        node.put("ledgerSessionId", session.sessionId());
        node.put("state", session.state());
        node.put("protocol", null != SessionContext.get(context, context.length, SessionContext.ORIGIN_HOST) ?
            "diameter" : null != SessionContext.get(context, context.length, SessionContext.NAS_ADDRESS) ?
            "radius" : "unknown");
        money(node, "reserved", session.reservedMinor(), scale);
        node.put("reservedUnits", session.reservedUnits());
        if (session.deadlineMs() > 0)
        {
            node.put("deadline", Instant.ofEpochMilli(session.deadlineMs()).toString());
        }
        contextText(node, "peer", context, SessionContext.PEER_HOST);
        contextText(node, "originHost", context, SessionContext.ORIGIN_HOST);
        contextText(node, "msisdn", context, SessionContext.MSISDN);
        contextText(node, "imsi", context, SessionContext.IMSI);
        contextText(node, "userName", context, SessionContext.USER_NAME);
        contextText(node, "apn", context, SessionContext.APN);
        contextText(node, "nasIdentifier", context, SessionContext.NAS_IDENTIFIER);
        final long chargingId = SessionContext.number(context, context.length, SessionContext.CHARGING_ID);
        if (chargingId >= 0)
        {
            node.put("chargingId", chargingId);
        }
        return node;
    }

    private static void contextText(final ObjectNode node, final String name, final byte[] context, final int type)
    {
        final String value = SessionContext.text(context, context.length, type);
        if (null != value)
        {
            node.put(name, value);
        }
    }

    /**
     * The tariff table in the configuration's own keys ({@code docs/configuration.md}), so a GET can be edited and
     * PUT back. The ledger keeps band prices as consecutive starts: each band that differs from the base price is
     * written as a from/to window.
     */
    /** Configuration names of Redirect-Address-Type values 0..3 (RFC 4006 §8.38). */
    private static final String[] REDIRECT_ADDRESS_TYPES = {"ipv4", "ipv6", "url", "sip-uri"};

    static ObjectNode tariffs(final TariffTable table, final int scale)
    {
        final ObjectNode node = ApiResponses.object();
        node.put("version", table.version());
        final ArrayNode list = node.putArray("tariffs");
        for (final Tariff tariff : table.tariffs())
        {
            final ObjectNode t = list.addObject();
            if (Tariff.DEFAULT_RATING_GROUP == tariff.ratingGroup())
            {
                t.put("rating-group", "default");
            }
            else
            {
                t.put("rating-group", tariff.ratingGroup());
            }
            t.put("name", tariff.name());
            t.put("unit", UnitType.name(tariff.unitType()));
            t.put("quantum", units(tariff.unitType(), tariff.quantumUnits()));
            final long basePrice = tariff.pricePerQuantumMinor(0, 0);
            t.put("price", Money.format(basePrice, scale));
            t.put("default-grant", units(tariff.unitType(), tariff.defaultGrantUnits()));
            t.put("max-grant", units(tariff.unitType(), tariff.maxGrantUnits()));
            if (tariff.validityTimeSec() > 0)
            {
                t.put("validity-time", tariff.validityTimeSec() + "s");
            }
            if (tariff.quotaThresholdUnits() > 0)
            {
                switch (tariff.unitType())
                {
                    case UnitType.OCTETS -> t.put("volume-threshold", Sizes.format(tariff.quotaThresholdUnits()));
                    case UnitType.SECONDS -> t.put("time-threshold", tariff.quotaThresholdUnits() + "s");
                    default -> t.put("unit-threshold", tariff.quotaThresholdUnits());
                }
            }
            if (tariff.quotaHoldingTimeSec() > 0)
            {
                t.put("quota-holding-time", tariff.quotaHoldingTimeSec() + "s");
            }
            t.put("final-unit-action", finalUnitAction(tariff.finalUnitAction()));
            if (!tariff.redirectAddress().isEmpty())
            {
                t.put("redirect-address-type", REDIRECT_ADDRESS_TYPES[tariff.redirectAddressType()]);
                t.put("redirect-address", tariff.redirectAddress());
            }
            if (!tariff.restrictionFilterRules().isEmpty())
            {
                final ArrayNode rules = t.putArray("restriction-filter-rules");
                tariff.restrictionFilterRules().forEach(rules::add);
            }
            if (!tariff.filterId().isEmpty())
            {
                t.put("filter-id", tariff.filterId());
            }
            t.put("time-zone", ZoneOffset.ofTotalSeconds(tariff.utcOffsetSeconds()).getId());
            if (tariff.tierCount() > 1)
            {
                final ArrayNode tiers = t.putArray("tiers");
                for (int tier = 0; tier < tariff.tierCount(); tier++)
                {
                    if (0 == tier && 0 == tariff.tierFromUnits(0) &&
                        tariff.pricePerQuantumMinor(0, 0) == basePrice)
                    {
                        continue;
                    }
                    tiers.addObject()
                        .put("from-units", units(tariff.unitType(), tariff.tierFromUnits(tier)))
                        .put("price", Money.format(tariff.pricePerQuantumMinor(0, tier), scale));
                }
            }
            else if (tariff.bandCount() > 1)
            {
                final ArrayNode bands = t.putArray("bands");
                for (int band = 0; band < tariff.bandCount(); band++)
                {
                    final long price = tariff.pricePerQuantumMinor(band, 0);
                    if (price == basePrice)
                    {
                        continue;
                    }
                    final int from = tariff.bandStartSecond(band);
                    final int to = band + 1 < tariff.bandCount() ? tariff.bandStartSecond(band + 1) :
                        Tariff.SECONDS_PER_DAY;
                    bands.addObject()
                        .put("from", clock(from))
                        .put("to", clock(to))
                        .put("price", Money.format(price, scale));
                }
            }
        }
        return node;
    }

    private static String units(final int unitType, final long units)
    {
        return UnitType.OCTETS == unitType ? Sizes.format(units) : Long.toString(units);
    }

    private static String clock(final int secondOfDay)
    {
        return String.format(Locale.ROOT, "%02d:%02d", secondOfDay / 3600, (secondOfDay / 60) % 60);
    }

    private static String finalUnitAction(final int action)
    {
        return switch (action)
        {
            case FinalUnitAction.REDIRECT -> "redirect";
            case FinalUnitAction.RESTRICT_ACCESS -> "restrict-access";
            default -> "terminate";
        };
    }
}
