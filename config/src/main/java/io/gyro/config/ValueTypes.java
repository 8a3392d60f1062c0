package io.gyro.config;

import io.gyro.config.model.Cidr;
import io.gyro.config.model.ConfigEnum;
import io.gyro.config.model.RedirectAddressType;
import io.gyro.config.model.Secret;
import io.gyro.config.model.TariffConfiguration;
import io.gyro.config.model.UnitType;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The value types of the key registry. Each parser checks the range it documents, so the registry, the
 * error messages and {@code docs/configuration.md} cannot disagree about what is allowed.
 */
final class ValueTypes
{
    /** No unit applies (the value is a name, a flag, or carries its own unit). */
    static final String NO_UNIT = "—";

    /** Unsigned32 upper bound (RFC 6733 §4.2): Vendor-Id, Rating-Group, Validity-Time and most counters. */
    static final long UNSIGNED32_MAX = 0xFFFF_FFFFL;

    /** RFC 1035 §2.3.4: a name is at most 255 octets; DiameterIdentity is an FQDN (RFC 6733 §4.3.1). */
    static final int MAX_FQDN_LENGTH = 255;

    /** Free-text names (product name, labels): long enough for any label, short enough for one log line. */
    static final int MAX_NAME_LENGTH = 255;

    /** A label of an FQDN or realm: letters, digits, hyphens inside (RFC 1123 §2.1). */
    private static final Pattern FQDN = Pattern.compile(
        "(?=.{1,255}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** RFC 6733 §4.3.1 IPFilterRule: action dir proto from src to dst [options]. */
    private static final Pattern IP_FILTER_RULE = Pattern.compile(
        "(permit|deny) (in|out) \\S+ from \\S+( \\S+)? to \\S+( .*)?");

    private static final Pattern TIME_OF_DAY = Pattern.compile("([01][0-9]|2[0-4]):([0-5][0-9])");

    private ValueTypes()
    {
    }

    static ValueType<Boolean> bool()
    {
        return new ValueType<>("boolean", "true or false", NO_UNIT)
        {
            @Override
            Boolean parse(final String text, final ParseContext context)
            {
                if ("true".equals(text))
                {
                    return Boolean.TRUE;
                }
                if ("false".equals(text))
                {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException("not a boolean");
            }
        };
    }

    static ValueType<Integer> integer(final int min, final int max)
    {
        return new ValueType<>("integer", min + ".." + max, NO_UNIT)
        {
            @Override
            Integer parse(final String text, final ParseContext context)
            {
                return Math.toIntExact(parseLong(text, min, max));
            }
        };
    }

    static ValueType<Integer> powerOfTwo(final int min, final int max)
    {
        return new ValueType<>("integer", "a power of two, " + min + ".." + max, NO_UNIT)
        {
            @Override
            Integer parse(final String text, final ParseContext context)
            {
                final int value = Math.toIntExact(parseLong(text, min, max));
                if (Integer.bitCount(value) != 1)
                {
                    throw new IllegalArgumentException("not a power of two");
                }
                return value;
            }
        };
    }

    static ValueType<Long> longInteger(final long min, final long max)
    {
        return new ValueType<>("integer", min + ".." + max, NO_UNIT)
        {
            @Override
            Long parse(final String text, final ParseContext context)
            {
                return parseLong(text, min, max);
            }
        };
    }

    static ValueType<Long> ratingGroupOrDefault()
    {
        return new ValueType<>("rating group", "0.." + UNSIGNED32_MAX + " or default", NO_UNIT)
        {
            @Override
            Long parse(final String text, final ParseContext context)
            {
                if ("default".equals(text))
                {
                    return TariffConfiguration.DEFAULT_RATING_GROUP;
                }
                return parseLong(text, 0, UNSIGNED32_MAX);
            }
        };
    }

    static ValueType<Integer> currencyCode()
    {
        return new ValueType<>("integer", "an ISO 4217 numeric currency code, e.g. 978 (EUR), 840 (USD)", NO_UNIT)
        {
            @Override
            Integer parse(final String text, final ParseContext context)
            {
                final int code = Math.toIntExact(parseLong(text, 1, 999));
                for (final Currency currency : Currency.getAvailableCurrencies())
                {
                    if (currency.getNumericCode() == code)
                    {
                        return code;
                    }
                }
                throw new IllegalArgumentException("not an ISO 4217 currency code");
            }
        };
    }

    static ValueType<Long> duration(final long minMs, final long maxMs, final boolean zeroAllowed)
    {
        final String range = Durations.format(minMs) + ".." + Durations.format(maxMs);
        return new ValueType<>("duration", zeroAllowed ? "0s or " + range : range, NO_UNIT)
        {
            @Override
            Long parse(final String text, final ParseContext context)
            {
                final long ms = Durations.parseMillis(text);
                if ((ms < minMs || ms > maxMs) && !(zeroAllowed && 0 == ms))
                {
                    throw new IllegalArgumentException("out of range");
                }
                return ms;
            }
        };
    }

    /**
     * A period that repeats in step with the UTC day: the periods start at multiples of it since the epoch, so only
     * a divisor of a day keeps every day's periods at the same times (a CDR file per 7m would start at 10:03 one day
     * and at 10:02 the next).
     */
    static ValueType<Long> dayDividingDuration(final long minMs, final long maxMs)
    {
        final String allowed = Durations.format(minMs) + ".." + Durations.format(maxMs) +
            ", dividing a day evenly (e.g. 5m, 15m, 1h, 6h, 1d)";
        return new ValueType<>("duration", allowed, NO_UNIT)
        {
            @Override
            Long parse(final String text, final ParseContext context)
            {
                final long ms = Durations.parseMillis(text);
                if (ms < minMs || ms > maxMs || 0 != Durations.MS_PER_DAY % ms)
                {
                    throw new IllegalArgumentException("out of range or not a divisor of a day");
                }
                return ms;
            }
        };
    }

    static ValueType<Long> wholeSeconds(final long minSeconds, final long maxSeconds)
    {
        final String range = Durations.format(minSeconds * Durations.MS_PER_SECOND) + ".." +
            Durations.format(maxSeconds * Durations.MS_PER_SECOND);
        return new ValueType<>("duration", range + " in whole seconds", "s")
        {
            @Override
            Long parse(final String text, final ParseContext context)
            {
                final long seconds = Durations.parseWholeSeconds(text);
                if (seconds < minSeconds || seconds > maxSeconds)
                {
                    throw new IllegalArgumentException("out of range");
                }
                return seconds;
            }
        };
    }

    static ValueType<Integer> size(final int minBytes, final int maxBytes)
    {
        return new ValueType<>("size", Sizes.format(minBytes) + ".." + Sizes.format(maxBytes), "bytes")
        {
            @Override
            Integer parse(final String text, final ParseContext context)
            {
                final long bytes = Sizes.parseBytes(text);
                if (bytes < minBytes || bytes > maxBytes)
                {
                    throw new IllegalArgumentException("out of range");
                }
                return (int)bytes;
            }
        };
    }

    static ValueType<Long> money()
    {
        return new ValueType<>("money",
            "a decimal amount >= 0 with at most ledger.money-scale decimal places, e.g. 0.0100", "currency")
        {
            @Override
            Long parse(final String text, final ParseContext context)
            {
                final long minor = Money.parse(text, context.moneyScale());
                if (minor < 0)
                {
                    throw new IllegalArgumentException("negative amount");
                }
                if (minor > Money.MAX_AMOUNT_MINOR)
                {
                    throw new IllegalArgumentException("more than the largest amount");
                }
                return minor;
            }

            @Override
            String allowedIn(final ParseContext context)
            {
                return "a decimal amount >= 0 with at most " + context.moneyScale() +
                    " decimal places (ledger.money-scale), e.g. " + Money.format(100, context.moneyScale()) +
                    ", at most " + Money.format(Money.MAX_AMOUNT_MINOR, context.moneyScale());
            }
        };
    }

    /**
     * A whole number of the enclosing tariff's unit: a size for octets, a duration in whole seconds (or a
     * bare number of seconds) for seconds, a count for events.
     */
    static ValueType<Long> units(final long min)
    {
        return new ValueType<>("units",
            "at least " + min + " of the tariff's unit: a size for octets (10MiB), seconds (300 or 300s), " +
            "a count for events; seconds at most " + UNSIGNED32_MAX + " (CC-Time is Unsigned32)", "tariff unit")
        {
            @Override
            Long parse(final String text, final ParseContext context)
            {
                final UnitType unit = context.unit();
                if (null == unit)
                {
                    throw new ValueType.Undecidable();
                }
                final long value;
                switch (unit)
                {
                    case OCTETS:
                        value = Sizes.parseBytes(text);
                        break;
                    case SECONDS:
                        value = text.matches("\\d+") ? parseLong(text, 0, UNSIGNED32_MAX) :
                            Durations.parseWholeSeconds(text);
                        if (value > UNSIGNED32_MAX)
                        {
                            throw new IllegalArgumentException("out of range");
                        }
                        break;
                    default:
                        value = parseLong(text, 0, Long.MAX_VALUE);
                        break;
                }
                if (value < min)
                {
                    throw new IllegalArgumentException("out of range");
                }
                return value;
            }

            @Override
            String allowedIn(final ParseContext context)
            {
                if (null == context.unit())
                {
                    return allowed();
                }
                switch (context.unit())
                {
                    case OCTETS:
                        return "at least " + min + " octets: bytes or a size such as 10MiB";
                    case SECONDS:
                        return "at least " + min + " seconds, at most " + UNSIGNED32_MAX + ": 300 or 300s";
                    default:
                        return "at least " + min + " events: a whole number";
                }
            }
        };
    }

    /** A fraction in (0, 1] with at most four decimals, e.g. ring occupancy. */
    static ValueType<Double> fraction()
    {
        return new ValueType<>("fraction", "a decimal above 0 and at most 1, e.g. 0.75", NO_UNIT)
        {
            @Override
            Double parse(final String text, final ParseContext context)
            {
                final long tenThousandths = Money.parse(text, 4);
                if (tenThousandths <= 0 || tenThousandths > 10_000)
                {
                    throw new IllegalArgumentException("out of range");
                }
                return new BigDecimal(tenThousandths).movePointLeft(4).doubleValue();
            }
        };
    }

    static <E extends Enum<E> & ConfigEnum> ValueType<E> enumeration(final Class<E> type)
    {
        final StringJoiner names = new StringJoiner(" | ");
        for (final E constant : type.getEnumConstants())
        {
            names.add(constant.configName());
        }
        return new ValueType<>("enum", names.toString(), NO_UNIT)
        {
            @Override
            E parse(final String text, final ParseContext context)
            {
                for (final E constant : type.getEnumConstants())
                {
                    if (constant.configName().equals(text))
                    {
                        return constant;
                    }
                }
                throw new IllegalArgumentException("not one of the allowed words");
            }
        };
    }

    static ValueType<String> text(final int maxLength)
    {
        return new ValueType<>("string", "non-empty text of at most " + maxLength + " characters", NO_UNIT)
        {
            @Override
            String parse(final String text, final ParseContext context)
            {
                if (text.isBlank() || text.length() > maxLength)
                {
                    throw new IllegalArgumentException("empty or too long");
                }
                return text;
            }
        };
    }

    static ValueType<String> digits(final int minLength, final int maxLength)
    {
        return new ValueType<>("digits", minLength + " to " + maxLength + " decimal digits", NO_UNIT)
        {
            @Override
            String parse(final String text, final ParseContext context)
            {
                if (!text.matches("[0-9]{" + minLength + "," + maxLength + "}"))
                {
                    throw new IllegalArgumentException("not " + minLength + " to " + maxLength + " digits");
                }
                return text;
            }
        };
    }

    static ValueType<String> diameterIdentity()
    {
        return new ValueType<>("DiameterIdentity",
            "an FQDN or realm such as gyro.example.net (letters, digits, '-' and '.'; RFC 6733 §4.3.1)", NO_UNIT)
        {
            @Override
            String parse(final String text, final ParseContext context)
            {
                if (!FQDN.matcher(text).matches())
                {
                    throw new IllegalArgumentException("not an FQDN");
                }
                return text;
            }
        };
    }

    static ValueType<String> peerHost()
    {
        return new ValueType<>("DiameterIdentity", "an FQDN such as pgw1.example.net, or * for any host", NO_UNIT)
        {
            @Override
            String parse(final String text, final ParseContext context)
            {
                if (!"*".equals(text) && !FQDN.matcher(text).matches())
                {
                    throw new IllegalArgumentException("not an FQDN or *");
                }
                return text;
            }
        };
    }

    static ValueType<String> ipAddress()
    {
        return new ValueType<>("IP address",
            "an IPv4 or IPv6 address literal such as 127.0.0.1, 0.0.0.0 or :: (no host names)", NO_UNIT)
        {
            @Override
            String parse(final String text, final ParseContext context)
            {
                Cidr.parseAddress(text);
                return text;
            }
        };
    }

    static ValueType<Cidr> cidr()
    {
        return new ValueType<>("CIDR",
            "an IPv4 or IPv6 network such as 10.0.0.0/8 or ::1/128 with host bits zero, or one address", NO_UNIT)
        {
            @Override
            Cidr parse(final String text, final ParseContext context)
            {
                return Cidr.parse(text);
            }
        };
    }

    static ValueType<Path> path()
    {
        return new ValueType<>("path",
            "a file-system path; relative paths are resolved against the working directory", NO_UNIT)
        {
            @Override
            Path parse(final String text, final ParseContext context)
            {
                if (text.isBlank())
                {
                    throw new IllegalArgumentException("empty path");
                }
                try
                {
                    return Path.of(text);
                }
                catch (final InvalidPathException ex)
                {
                    throw new IllegalArgumentException("not a valid path", ex);
                }
            }
        };
    }

    static ValueType<Secret> secret(final int minLength)
    {
        final String allowed = 1 == minLength ? "non-empty text (never printed)" :
            "text of at least " + minLength + " characters (never printed)";
        return new ValueType<>("secret", allowed, NO_UNIT)
        {
            @Override
            Secret parse(final String text, final ParseContext context)
            {
                if (text.length() < minLength)
                {
                    throw new IllegalArgumentException("too short");
                }
                return Secret.of(text);
            }

            @Override
            public boolean isSecret()
            {
                return true;
            }
        };
    }

    static ValueType<Integer> timeOfDay()
    {
        return new ValueType<>("time of day", "HH:MM from 00:00 to 24:00", NO_UNIT)
        {
            @Override
            Integer parse(final String text, final ParseContext context)
            {
                final var matcher = TIME_OF_DAY.matcher(text);
                if (!matcher.matches())
                {
                    throw new IllegalArgumentException("not HH:MM");
                }
                final int minute = Integer.parseInt(matcher.group(1)) * 60 + Integer.parseInt(matcher.group(2));
                if (minute > 24 * 60)
                {
                    throw new IllegalArgumentException("after 24:00");
                }
                return minute;
            }
        };
    }

    static ValueType<ZoneId> timeZone()
    {
        return new ValueType<>("time zone", "a time-zone id such as UTC or Europe/Berlin", NO_UNIT)
        {
            @Override
            ZoneId parse(final String text, final ParseContext context)
            {
                try
                {
                    return ZoneId.of(text);
                }
                catch (final DateTimeException ex)
                {
                    throw new IllegalArgumentException("unknown time zone", ex);
                }
            }
        };
    }

    static ValueType<String> ipFilterRule()
    {
        return new ValueType<>("IPFilterRule",
            "an IPFilterRule 'permit|deny in|out proto from SRC to DST' (RFC 6733 §4.3.1)", NO_UNIT)
        {
            @Override
            String parse(final String text, final ParseContext context)
            {
                if (!IP_FILTER_RULE.matcher(text).matches())
                {
                    throw new IllegalArgumentException("not an IPFilterRule");
                }
                return text;
            }
        };
    }

    /**
     * @param type the redirect address type.
     * @param text the address.
     * @throws IllegalArgumentException if the address does not suit the type (RFC 4006 §8.38, §8.39).
     */
    static void checkRedirectAddress(final RedirectAddressType type, final String text)
    {
        switch (type)
        {
            case IPV4:
                if (Cidr.parseAddress(text).getAddress().length != Cidr.IPV4_LENGTH)
                {
                    throw new IllegalArgumentException("not IPv4");
                }
                break;
            case IPV6:
                if (Cidr.parseAddress(text).getAddress().length != Cidr.IPV6_LENGTH)
                {
                    throw new IllegalArgumentException("not IPv6");
                }
                break;
            case URL:
                try
                {
                    final URI uri = new URI(text);
                    if (!uri.isAbsolute() || null == uri.getHost())
                    {
                        throw new IllegalArgumentException("not an absolute URL with a host");
                    }
                }
                catch (final URISyntaxException ex)
                {
                    throw new IllegalArgumentException("not a URL", ex);
                }
                break;
            default:
                if (!text.matches("sips?:[^\\s]+"))
                {
                    throw new IllegalArgumentException("not a SIP URI");
                }
                break;
        }
    }

    /** A list of scalar values, written as a YAML list or, in overrides, comma-separated. */
    static <E> ListType<E> listOf(final ValueType<E> element, final boolean nonEmpty, final boolean distinct)
    {
        return new ListType<>(element, nonEmpty, distinct);
    }

    /** A list of entries with keys of their own (peers, clients, tariffs, bands, tiers, accounts). */
    static ValueType<Void> entries(final String what)
    {
        return new ObjectListType(what);
    }

    static long parseLong(final String text, final long min, final long max)
    {
        if (!text.matches("-?[0-9]{1,19}"))
        {
            throw new IllegalArgumentException("not a whole number");
        }
        final long value;
        try
        {
            value = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("too large", ex);
        }
        if (value < min || value > max)
        {
            throw new IllegalArgumentException("out of range");
        }
        return value;
    }

    /** The type of a list of scalars. */
    static final class ListType<E> extends ValueType<List<E>>
    {
        private final ValueType<E> element;
        private final boolean nonEmpty;
        private final boolean distinct;

        ListType(final ValueType<E> element, final boolean nonEmpty, final boolean distinct)
        {
            super("list of " + element.name(), describe(element, nonEmpty, distinct), element.unit());
            this.element = element;
            this.nonEmpty = nonEmpty;
            this.distinct = distinct;
        }

        private static String describe(final ValueType<?> element, final boolean nonEmpty, final boolean distinct)
        {
            final StringBuilder text = new StringBuilder(nonEmpty ? "one or more of: " : "zero or more of: ")
                .append(element.allowed());
            if (distinct)
            {
                text.append("; each at most once");
            }
            return text.toString();
        }

        ValueType<E> element()
        {
            return element;
        }

        boolean nonEmpty()
        {
            return nonEmpty;
        }

        /**
         * @param values parsed elements.
         * @return the index of the first repeated element, or -1.
         */
        int firstRepeat(final List<E> values)
        {
            if (!distinct)
            {
                return -1;
            }
            final Set<Object> seen = new HashSet<>();
            for (int i = 0; i < values.size(); i++)
            {
                if (!seen.add(values.get(i)))
                {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public boolean isSecret()
        {
            return element.isSecret();
        }

        @Override
        List<E> parse(final String text, final ParseContext context)
        {
            final List<E> values = new ArrayList<>();
            for (final String item : text.split(",", -1))
            {
                values.add(element.parse(item.trim(), context));
            }
            return values;
        }
    }

    /** The type of a list of entries; each entry's keys are registered as {@code path[].key}. */
    static final class ObjectListType extends ValueType<Void>
    {
        ObjectListType(final String what)
        {
            super("list", "a list of " + what + ", each with the keys below", NO_UNIT);
        }

        @Override
        Void parse(final String text, final ParseContext context)
        {
            throw new IllegalArgumentException("a list of entries cannot be written as one value");
        }
    }
}
