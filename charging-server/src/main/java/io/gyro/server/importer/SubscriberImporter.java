package io.gyro.server.importer;

import io.gyro.config.Money;
import io.gyro.config.Sizes;
import io.gyro.ledger.AccountSpec;
import io.gyro.ledger.AccountStatus;
import io.gyro.ledger.BucketSpec;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerLimits;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.UnitType;
import io.gyro.server.ledger.CommandOutcome;
import io.gyro.server.ledger.LedgerGateway;
import io.gyro.server.ledger.Priority;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Loads subscribers from CSV into the ledger (format: root README, "Importing subscribers"). Every row is
 * validated; a valid row becomes one CREATE_ACCOUNT command (identities, balance, credit limit, threshold, status,
 * billing day, password and buckets at once), published at admin priority with a window of commands in flight.
 * When the ring is above the admin threshold the importer waits and retries, so live traffic keeps priority.
 * <p>
 * A re-run is safe: a row whose first identity already has an account is counted as existing and left unchanged.
 * An identity that appears twice in the file, or belongs to another subscriber, rejects the row. Not thread safe;
 * one import at a time per instance.
 */
public final class SubscriberImporter
{
    private static final Logger LOG = LoggerFactory.getLogger(SubscriberImporter.class);
    /** Commands in flight: enough to keep the ledger's batches full, far below any ring size. */
    private static final int WINDOW = 4096;
    /** Wait before retrying a command the ring refused (the ledger drains thousands of commands per ms). */
    private static final long RETRY_PARK_NANOS = 200_000;
    /** Octets read at a time when checking that a file is UTF-8. */
    private static final int UTF8_CHECK_CHUNK = 8192;
    /** U+FEFF at the start of a file: a byte order mark, which UTF-8 does not need. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    /** Columns a file may have. */
    public static final List<String> COLUMNS = List.of("msisdn", "imsi", "nai", "balance", "credit_limit",
        "low_balance_threshold", "status", "billing_day", "password", "buckets");
    private static final int MSISDN = 0;
    private static final int IMSI = 1;
    private static final int NAI = 2;
    private static final int BALANCE = 3;
    private static final int CREDIT_LIMIT = 4;
    private static final int THRESHOLD = 5;
    private static final int STATUS = 6;
    private static final int BILLING_DAY = 7;
    private static final int PASSWORD = 8;
    private static final int BUCKETS = 9;
    /** E.164 and IMSI digits: at most 15 (ITU-T E.164, 3GPP TS 23.003 §2.2). */
    private static final int MAX_DIGITS = 15;
    /** IMSI: MCC (3) + MNC (2) + at least one MSIN digit. */
    private static final int MIN_IMSI_DIGITS = 6;

    /**
     * A rejected row.
     *
     * @param line   line number in the file (1-based).
     * @param reason why, naming the column.
     */
    public record Problem(long line, String reason)
    {
    }

    /**
     * What an import did.
     *
     * @param rows       data rows read.
     * @param created    subscribers created.
     * @param existing   rows whose subscriber already existed (left unchanged).
     * @param rejected   rows refused (see the problems).
     * @param durationMs wall time.
     */
    public record Report(long rows, long created, long existing, long rejected, long durationMs)
    {
    }

    private final LedgerGateway ledger;
    private final EpochClock clock;
    private final int moneyScale;

    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final Long2LongHashMap digitIdentities = new Long2LongHashMap(-1);
    private final Map<String, Long> textIdentities = new HashMap<>();
    private Consumer<Problem> problems;
    private long rows;
    private long created;
    private long existing;
    private long rejected;

    private record Pending(long line, String key, CompletableFuture<CommandOutcome> outcome, AccountSpec spec)
    {
    }

    /**
     * @param ledger     the ledger gateway.
     * @param clock      stamps the commands.
     * @param moneyScale decimal places of amounts.
     */
    public SubscriberImporter(final LedgerGateway ledger, final EpochClock clock, final int moneyScale)
    {
        this.ledger = ledger;
        this.clock = clock;
        this.moneyScale = moneyScale;
    }

    /**
     * Import a file.
     *
     * @param in       the CSV text.
     * @param problems receives each rejected row (in line order for rows refused while reading, then in
     *                 completion order, which is line order too).
     * @return the counts.
     * @throws IOException when reading fails.
     * @throws ImportFormatException when the header is missing or names an unknown column.
     */
    public Report run(final BufferedReader in, final Consumer<Problem> problems) throws IOException
    {
        final long started = System.nanoTime();
        this.problems = problems;
        rows = 0;
        created = 0;
        existing = 0;
        rejected = 0;
        digitIdentities.clear();
        textIdentities.clear();
        final CsvReader reader = new CsvReader(in);
        final List<String> fields = new ArrayList<>(COLUMNS.size());
        final String headerProblem = reader.next(fields);
        if (null == headerProblem)
        {
            throw new ImportFormatException("the file is empty: the first line must be a header naming the columns (" +
                String.join(",", COLUMNS) + ")");
        }
        if (!headerProblem.isEmpty())
        {
            throw new ImportFormatException("line " + reader.lineNumber() + ": header: " + headerProblem);
        }
        final int[] columnOf = header(fields, reader.lineNumber());
        String problem;
        while (null != (problem = reader.next(fields)))
        {
            rows++;
            final long line = reader.lineNumber();
            if (!problem.isEmpty())
            {
                reject(line, problem);
                continue;
            }
            if (fields.size() != columnOf.length)
            {
                reject(line, "has " + fields.size() + " fields but the header names " + columnOf.length);
                continue;
            }
            try
            {
                submit(line, row(fields, columnOf, line));
            }
            catch (final RowException ex)
            {
                reject(line, ex.getMessage());
            }
        }
        while (!inFlight.isEmpty())
        {
            complete(inFlight.poll());
        }
        final Report report = new Report(rows, created, existing, rejected, (System.nanoTime() - started) / 1_000_000);
        LOG.info("import: {} rows, {} created, {} existing, {} rejected in {} ms", report.rows(), report.created(),
            report.existing(), report.rejected(), report.durationMs());
        return report;
    }

    /**
     * Refuse a file that is not UTF-8, before anything is applied: a Latin-1 export read leniently would import
     * passwords and NAIs with replacement characters and report nothing.
     *
     * @param in the file's octets (read to the end, not closed).
     * @throws ImportFormatException naming the first line that is not UTF-8.
     * @throws IOException when the octets cannot be read.
     */
    public static void requireUtf8(final InputStream in) throws IOException
    {
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        final ByteBuffer octets = ByteBuffer.allocate(UTF8_CHECK_CHUNK);
        final CharBuffer chars = CharBuffer.allocate(UTF8_CHECK_CHUNK);
        long line = 1;
        boolean end = false;
        while (!end)
        {
            final int read = in.read(octets.array(), octets.position(), octets.remaining());
            end = read < 0;
            octets.position(octets.position() + Math.max(0, read));
            octets.flip();
            CoderResult result;
            do
            {
                final int from = octets.position();
                result = decoder.decode(octets, chars, end);
                // A line feed octet is never part of a multi-octet UTF-8 sequence, so octets count lines exactly.
                for (int i = from; i < octets.position(); i++)
                {
                    line += '\n' == octets.get(i) ? 1 : 0;
                }
                chars.clear();
            }
            while (result.isOverflow());
            if (result.isError())
            {
                throw new ImportFormatException("line " + line + ": not valid UTF-8 (the file must be UTF-8 CSV; " +
                    "nothing was applied)");
            }
            octets.compact();
        }
    }

    private int[] header(final List<String> fields, final long line)
    {
        if (!fields.isEmpty() && fields.get(0).startsWith(BYTE_ORDER_MARK))
        {
            // Spreadsheets' "CSV UTF-8" export starts with one; it is no part of the first column's name.
            fields.set(0, fields.get(0).substring(BYTE_ORDER_MARK.length()));
        }
        final int[] columnOf = new int[fields.size()];
        final boolean[] seen = new boolean[COLUMNS.size()];
        for (int i = 0; i < fields.size(); i++)
        {
            final String name = fields.get(i).toLowerCase(Locale.ROOT);
            final int column = COLUMNS.indexOf(name);
            if (column < 0)
            {
                throw new ImportFormatException("line " + line + ": header: unknown column '" + fields.get(i) +
                    "'; allowed: " + String.join(", ", COLUMNS));
            }
            if (seen[column])
            {
                throw new ImportFormatException("line " + line + ": header: column '" + name + "' appears twice");
            }
            seen[column] = true;
            columnOf[i] = column;
        }
        if (!seen[MSISDN] && !seen[IMSI] && !seen[NAI])
        {
            throw new ImportFormatException("line " + line + ": header: needs at least one identity column " +
                "(msisdn, imsi, nai)");
        }
        return columnOf;
    }

    private static final class RowException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        RowException(final String message)
        {
            super(message, null, false, false);
        }
    }

    private record Row(AccountSpec spec, String key, long[] digitKeys, String[] textKeys)
    {
    }

    private Row row(final List<String> fields, final int[] columnOf, final long line)
    {
        final String[] values = new String[COLUMNS.size()];
        for (int i = 0; i < columnOf.length; i++)
        {
            values[columnOf[i]] = fields.get(i);
        }
        final AccountSpec spec = new AccountSpec();
        final List<Long> digitKeys = new ArrayList<>(2);
        final List<String> textKeys = new ArrayList<>(1);
        String key = null;
        final String msisdn = values[MSISDN];
        if (present(msisdn))
        {
            if (!digits(msisdn, 1, MAX_DIGITS))
            {
                throw new RowException("msisdn: '" + msisdn + "' is not 1.." + MAX_DIGITS + " digits (E.164, no '+')");
            }
            spec.identity(IdentityType.E164, msisdn);
            digitKeys.add(digitKey(IdentityType.E164, msisdn));
            key = "msisdn " + msisdn;
        }
        final String imsi = values[IMSI];
        if (present(imsi))
        {
            if (!digits(imsi, MIN_IMSI_DIGITS, MAX_DIGITS))
            {
                throw new RowException("imsi: '" + imsi + "' is not " + MIN_IMSI_DIGITS + ".." + MAX_DIGITS + " digits");
            }
            spec.identity(IdentityType.IMSI, imsi);
            digitKeys.add(digitKey(IdentityType.IMSI, imsi));
            key = null == key ? "imsi " + imsi : key;
        }
        final String nai = values[NAI];
        if (present(nai))
        {
            if (nai.getBytes(StandardCharsets.UTF_8).length > LedgerLimits.MAX_IDENTITY_LENGTH || nai.contains(" "))
            {
                throw new RowException("nai: '" + nai + "' is longer than " + LedgerLimits.MAX_IDENTITY_LENGTH +
                    " bytes or contains a space");
            }
            spec.identity(IdentityType.NAI, nai);
            textKeys.add(nai);
            key = null == key ? "nai " + nai : key;
        }
        if (null == key)
        {
            throw new RowException("no identity: at least one of msisdn, imsi, nai is required");
        }
        spec.openingBalanceMinor(money(values[BALANCE], "balance", true));
        spec.creditLimitMinor(money(values[CREDIT_LIMIT], "credit_limit", false));
        spec.lowBalanceThresholdMinor(money(values[THRESHOLD], "low_balance_threshold", false));
        final String status = values[STATUS];
        if (present(status))
        {
            switch (status.toLowerCase(Locale.ROOT))
            {
                case "active" -> spec.status(AccountStatus.ACTIVE);
                case "blocked" -> spec.status(AccountStatus.BLOCKED);
                default -> throw new RowException("status: '" + status + "' is not active or blocked");
            }
        }
        final String billingDay = values[BILLING_DAY];
        if (present(billingDay))
        {
            if (!digits(billingDay, 1, 2) || Integer.parseInt(billingDay) < 1 ||
                Integer.parseInt(billingDay) > AccountSpec.MAX_BILLING_DAY)
            {
                throw new RowException("billing_day: '" + billingDay + "' is not 1.." + AccountSpec.MAX_BILLING_DAY);
            }
            spec.billingDay(Integer.parseInt(billingDay));
        }
        final String password = values[PASSWORD];
        if (present(password))
        {
            spec.credential(password.getBytes(StandardCharsets.UTF_8));
        }
        final String buckets = values[BUCKETS];
        if (present(buckets))
        {
            int index = 0;
            for (final String bucket : buckets.split(";", -1))
            {
                index++;
                spec.bucket(bucket(bucket.trim(), index));
            }
        }
        final String invalid = spec.validate();
        if (null != invalid)
        {
            throw new RowException(invalid);
        }
        final long[] digitArray = new long[digitKeys.size()];
        for (int i = 0; i < digitArray.length; i++)
        {
            digitArray[i] = digitKeys.get(i);
        }
        return new Row(spec, key, digitArray, textKeys.toArray(new String[0]));
    }

    /** {@code unit:amount[:rating-group[:expiry]]}, e.g. {@code octets:5GiB:10:2026-02-01T00:00:00Z}. */
    private static BucketSpec bucket(final String text, final int index)
    {
        final String column = "buckets[" + index + "]";
        final String[] parts = text.split(":", 4);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty())
        {
            throw new RowException(column + ": '" + text + "' is not unit:amount[:rating-group[:expiry]]");
        }
        final int unitType = switch (parts[0].toLowerCase(Locale.ROOT))
        {
            case "octets" -> UnitType.OCTETS;
            case "seconds" -> UnitType.SECONDS;
            case "events" -> UnitType.EVENTS;
            default -> throw new RowException(column + ": unit '" + parts[0] + "' is not octets, seconds or events");
        };
        final long units;
        try
        {
            units = UnitType.OCTETS == unitType ? Sizes.parseBytes(parts[1]) : Long.parseLong(parts[1]);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new RowException(column + ": amount: " + (UnitType.OCTETS == unitType ? ex.getMessage() :
                "'" + parts[1] + "' is not a whole number"));
        }
        if (units <= 0)
        {
            throw new RowException(column + ": amount must be positive");
        }
        long ratingGroup = BucketSpec.ANY_RATING_GROUP;
        if (parts.length > 2 && !parts[2].isEmpty() && !"*".equals(parts[2]))
        {
            if (!digits(parts[2], 1, 10) || Long.parseLong(parts[2]) > 0xFFFF_FFFFL)
            {
                throw new RowException(column + ": rating group '" + parts[2] + "' is not 0..4294967295 (or * for any)");
            }
            ratingGroup = Long.parseLong(parts[2]);
        }
        long expiryMs = BucketSpec.NEVER_EXPIRES;
        if (parts.length > 3 && !parts[3].isEmpty())
        {
            try
            {
                expiryMs = Instant.parse(parts[3]).toEpochMilli();
            }
            catch (final DateTimeException | ArithmeticException ex)
            {
                throw new RowException(column + ": expiry '" + parts[3] + "' is not an ISO-8601 instant such as " +
                    "2026-02-01T00:00:00Z");
            }
            if (expiryMs <= 0)
            {
                throw new RowException(column + ": expiry must be after 1970");
            }
        }
        return new BucketSpec(unitType, units, ratingGroup, expiryMs);
    }

    private long money(final String text, final String column, final boolean allowNegative)
    {
        if (!present(text))
        {
            return 0;
        }
        final long minor;
        try
        {
            minor = Money.parse(text, moneyScale);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new RowException(column + ": " + ex.getMessage());
        }
        if (!allowNegative && minor < 0)
        {
            throw new RowException(column + ": must not be negative");
        }
        if (minor > LedgerLimits.MAX_AMOUNT_MINOR || minor < -LedgerLimits.MAX_AMOUNT_MINOR)
        {
            throw new RowException(column + ": beyond the largest amount, " +
                Money.format(LedgerLimits.MAX_AMOUNT_MINOR, moneyScale) + " (2^53 - 1 minor units)");
        }
        return minor;
    }

    private void submit(final long line, final Row row)
    {
        for (final long key : row.digitKeys())
        {
            final long first = digitIdentities.get(key);
            if (first >= 0)
            {
                throw new RowException("identity " + describe(key) + " is also in line " + first);
            }
        }
        for (final String nai : row.textKeys())
        {
            final Long first = textIdentities.get(nai);
            if (null != first)
            {
                throw new RowException("identity nai " + nai + " is also in line " + first);
            }
        }
        for (final long key : row.digitKeys())
        {
            digitIdentities.put(key, line);
        }
        for (final String nai : row.textKeys())
        {
            textIdentities.put(nai, line);
        }
        if (inFlight.size() >= WINDOW)
        {
            complete(inFlight.poll());
        }
        inFlight.add(new Pending(line, row.key(), publish(row.spec()), row.spec()));
    }

    private CompletableFuture<CommandOutcome> publish(final AccountSpec spec)
    {
        final long now = clock.time();
        return ledger.call(Priority.ADMIN, command ->
        {
            command.type = CommandType.CREATE_ACCOUNT;
            command.timestampMs = now;
            command.payload = spec;
        });
    }

    private void complete(final Pending pending)
    {
        CommandOutcome outcome = pending.outcome().join();
        while (outcome.shed())
        {
            // The ring is above the admin threshold (live traffic first): wait, then try again.
            LockSupport.parkNanos(RETRY_PARK_NANOS);
            outcome = publish(pending.spec()).join();
        }
        final LedgerResult result = outcome.result();
        switch (result)
        {
            case SUCCESS -> created++;
            case ACCOUNT_EXISTS -> existing++;
            case IDENTITY_TAKEN -> reject(pending.line(), pending.key() + " is new, but another of its identities " +
                "belongs to an existing subscriber");
            default -> reject(pending.line(), "the ledger refused the row: " + result);
        }
    }

    private void reject(final long line, final String reason)
    {
        rejected++;
        problems.accept(new Problem(line, reason));
    }

    private static boolean present(final String value)
    {
        return null != value && !value.isEmpty();
    }

    private static boolean digits(final String value, final int min, final int max)
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

    /** Type (4 bits), digit count (4 bits) and the digits' value (below 10^15 < 2^50) in one long. */
    private static long digitKey(final int type, final String digits)
    {
        return ((long)type << 60) | ((long)digits.length() << 54) | Long.parseLong(digits);
    }

    private static String describe(final long key)
    {
        final int type = (int)(key >>> 60);
        final int length = (int)((key >>> 54) & 0x3F);
        final String value = Long.toString(key & ((1L << 54) - 1));
        final StringBuilder padded = new StringBuilder();
        for (int i = value.length(); i < length; i++)
        {
            padded.append('0');
        }
        return (IdentityType.E164 == type ? "msisdn " : "imsi ") + padded.append(value);
    }
}
