package io.gyro.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyro.config.Money;
import io.gyro.config.Sizes;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerLimits;
import io.gyro.ledger.UnitType;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Reads request bodies field by field; every refusal is a 400 whose message names the field.
 */
final class Fields
{
    /** E.164 numbers have at most 15 digits (ITU-T E.164 §6). */
    static final int MAX_MSISDN_DIGITS = 15;
    /** An IMSI has at most 15 digits (3GPP TS 23.003 §2.2). */
    static final int MAX_IMSI_DIGITS = 15;
    /** Shortest IMSI: MCC (3) + MNC (2) + at least one MSIN digit. */
    static final int MIN_IMSI_DIGITS = 6;

    private Fields()
    {
    }

    static ObjectNode body(final ApiRequest request)
    {
        if (0 == request.body().length)
        {
            throw ApiException.badRequest("body", "a JSON object is required");
        }
        final JsonNode node;
        try
        {
            node = ApiResponses.MAPPER.readTree(request.body());
        }
        catch (final JsonProcessingException ex)
        {
            throw ApiException.badRequest("body", "not valid JSON: " + ex.getOriginalMessage());
        }
        catch (final java.io.IOException ex)
        {
            throw ApiException.badRequest("body", "unreadable: " + ex.getMessage());
        }
        if (!(node instanceof ObjectNode))
        {
            throw ApiException.badRequest("body", "must be a JSON object");
        }
        return (ObjectNode)node;
    }

    static void allowOnly(final ObjectNode node, final String prefix, final Set<String> names)
    {
        final Iterator<String> fields = node.fieldNames();
        while (fields.hasNext())
        {
            final String field = fields.next();
            if (!names.contains(field))
            {
                throw ApiException.badRequest(prefix + field, "unknown field; allowed: " + String.join(", ",
                    new java.util.TreeSet<>(names)));
            }
        }
    }

    static String text(final ObjectNode node, final String prefix, final String name, final boolean required)
    {
        final JsonNode value = node.get(name);
        if (null == value || value.isNull())
        {
            if (required)
            {
                throw ApiException.badRequest(prefix + name, "is required");
            }
            return null;
        }
        if (!value.isTextual() && !value.isNumber())
        {
            throw ApiException.badRequest(prefix + name, "must be a string");
        }
        final String text = value.asText();
        if (text.isEmpty())
        {
            throw ApiException.badRequest(prefix + name, "must not be empty");
        }
        return text;
    }

    static Long integer(final ObjectNode node, final String prefix, final String name, final long min, final long max)
    {
        final JsonNode value = node.get(name);
        if (null == value || value.isNull())
        {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong())
        {
            throw ApiException.badRequest(prefix + name, "must be a whole number");
        }
        final long number = value.asLong();
        if (number < min || number > max)
        {
            throw ApiException.badRequest(prefix + name, number + " is outside " + min + ".." + max);
        }
        return number;
    }

    /**
     * A money amount given either as decimal text ({@code "balance": "12.50"}) or in minor units
     * ({@code "balanceMinor": 125000}), never both.
     */
    static Long money(
        final ObjectNode node, final String prefix, final String name, final int scale, final boolean allowNegative)
    {
        final String minorName = name + "Minor";
        final JsonNode decimal = node.get(name);
        final JsonNode minor = node.get(minorName);
        final boolean hasDecimal = null != decimal && !decimal.isNull();
        final boolean hasMinor = null != minor && !minor.isNull();
        if (hasDecimal && hasMinor)
        {
            throw ApiException.badRequest(prefix + name, "give " + name + " or " + minorName + ", not both");
        }
        final long amount;
        final String field;
        if (hasDecimal)
        {
            field = prefix + name;
            if (!decimal.isTextual())
            {
                throw ApiException.badRequest(field, "must be a decimal string such as \"12.50\" (JSON numbers " +
                    "are binary floating point; use " + minorName + " for a number)");
            }
            try
            {
                amount = Money.parse(decimal.asText(), scale);
            }
            catch (final IllegalArgumentException ex)
            {
                throw ApiException.badRequest(field, ex.getMessage());
            }
        }
        else if (hasMinor)
        {
            field = prefix + minorName;
            if (!minor.isIntegralNumber() || !minor.canConvertToLong())
            {
                throw ApiException.badRequest(field, "must be a whole number of minor units");
            }
            amount = minor.asLong();
        }
        else
        {
            return null;
        }
        if (!allowNegative && amount < 0)
        {
            throw ApiException.badRequest(field, "must not be negative");
        }
        if (amount > LedgerLimits.MAX_AMOUNT_MINOR || amount < -LedgerLimits.MAX_AMOUNT_MINOR)
        {
            throw ApiException.badRequest(field, "is beyond the largest amount, " +
                Money.format(LedgerLimits.MAX_AMOUNT_MINOR, scale) + " (" + LedgerLimits.MAX_AMOUNT_MINOR +
                " minor units, 2^53 - 1)");
        }
        return amount;
    }

    /**
     * @param name  identity type name: msisdn, imsi, nai, sip_uri, private.
     * @param field the field, for messages.
     * @return the ledger identity type.
     */
    static int identityType(final String name, final String field)
    {
        return identityType(name, field, "msisdn, imsi, nai, sip_uri, private");
    }

    /**
     * @param name    identity type name: msisdn, imsi, nai, sip_uri, private.
     * @param field   the field, for messages.
     * @param allowed what the caller accepts, for the message (a path also takes account:ID).
     * @return the ledger identity type.
     */
    static int identityType(final String name, final String field, final String allowed)
    {
        return switch (name.toLowerCase(Locale.ROOT))
        {
            case "msisdn", "e164" -> IdentityType.E164;
            case "imsi" -> IdentityType.IMSI;
            case "nai", "user_name" -> IdentityType.NAI;
            case "sip_uri", "sip" -> IdentityType.SIP_URI;
            case "private" -> IdentityType.PRIVATE;
            default -> throw ApiException.badRequest(field, "unknown identity type '" + name +
                "'; allowed: " + allowed);
        };
    }

    /**
     * @param type ledger identity type.
     * @return its API name.
     */
    static String identityTypeName(final int type)
    {
        return switch (type)
        {
            case IdentityType.E164 -> "msisdn";
            case IdentityType.IMSI -> "imsi";
            case IdentityType.NAI -> "nai";
            case IdentityType.SIP_URI -> "sip_uri";
            case IdentityType.PRIVATE -> "private";
            default -> "type_" + type;
        };
    }

    /**
     * Check an identity value for its type.
     *
     * @param type  ledger identity type.
     * @param value the value.
     * @param field the field, for messages.
     * @return the value.
     */
    static String identityValue(final int type, final String value, final String field)
    {
        if (IdentityType.E164 == type && !digits(value, 1, MAX_MSISDN_DIGITS))
        {
            throw ApiException.badRequest(field, "an MSISDN is 1.." + MAX_MSISDN_DIGITS + " digits (E.164, no '+'): '" +
                value + "'");
        }
        if (IdentityType.IMSI == type && !digits(value, MIN_IMSI_DIGITS, MAX_IMSI_DIGITS))
        {
            throw ApiException.badRequest(field, "an IMSI is " + MIN_IMSI_DIGITS + ".." + MAX_IMSI_DIGITS +
                " digits: '" + value + "'");
        }
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > LedgerLimits.MAX_IDENTITY_LENGTH)
        {
            throw ApiException.badRequest(field, "longer than " + LedgerLimits.MAX_IDENTITY_LENGTH + " bytes");
        }
        return value;
    }

    static boolean digits(final String value, final int min, final int max)
    {
        if (value.length() < min || value.length() > max)
        {
            return false;
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param name  unit name: octets, seconds, events.
     * @param field for messages.
     * @return the ledger unit type.
     */
    static int unitType(final String name, final String field)
    {
        return switch (name.toLowerCase(Locale.ROOT))
        {
            case "octets" -> UnitType.OCTETS;
            case "seconds" -> UnitType.SECONDS;
            case "events" -> UnitType.EVENTS;
            default -> throw ApiException.badRequest(field, "unknown unit '" + name + "'; allowed: octets, seconds, " +
                "events");
        };
    }

    /**
     * Units of a bucket: a whole number, or for octets also a size such as {@code 5GiB}.
     */
    static long units(final ObjectNode node, final String prefix, final String name, final int unitType)
    {
        final JsonNode value = node.get(name);
        final String field = prefix + name;
        if (null == value || value.isNull())
        {
            throw ApiException.badRequest(field, "is required");
        }
        final long units;
        if (value.isIntegralNumber() && value.canConvertToLong())
        {
            units = value.asLong();
        }
        else if (value.isTextual())
        {
            try
            {
                units = UnitType.OCTETS == unitType ? Sizes.parseBytes(value.asText()) : Long.parseLong(value.asText());
            }
            catch (final IllegalArgumentException ex)
            {
                throw ApiException.badRequest(field, UnitType.OCTETS == unitType ? ex.getMessage() :
                    "'" + value.asText() + "' is not a whole number");
            }
        }
        else
        {
            throw ApiException.badRequest(field, "must be a whole number (or a size such as \"5GiB\" for octets)");
        }
        if (units <= 0)
        {
            throw ApiException.badRequest(field, "must be positive");
        }
        if (units > LedgerLimits.MAX_BUCKET_UNITS)
        {
            throw ApiException.badRequest(field, "is beyond the largest bucket, " + LedgerLimits.MAX_BUCKET_UNITS +
                " units (2^53 - 1)");
        }
        return units;
    }

    /**
     * @return epoch ms of an ISO-8601 instant ({@code 2026-02-01T00:00:00Z}), or null when absent; an instant
     * beyond what epoch milliseconds count (past the year 292,278,994) is refused like a malformed one.
     */
    static Long instant(final ObjectNode node, final String prefix, final String name)
    {
        final String text = text(node, prefix, name, false);
        if (null == text)
        {
            return null;
        }
        try
        {
            return Instant.parse(text).toEpochMilli();
        }
        catch (final DateTimeException | ArithmeticException ex)
        {
            throw ApiException.badRequest(prefix + name, "'" + text + "' is not an ISO-8601 instant such as " +
                "2026-02-01T00:00:00Z");
        }
    }
}
