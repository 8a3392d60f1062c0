package io.gyro.server;

import io.gyro.ledger.AccountStatus;
import io.gyro.ledger.AccountView;
import io.gyro.ledger.BucketView;
import io.gyro.ledger.UnitType;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code gyro import FILE.csv}: good rows applied, every bad row in the report with its line and reason, a re-run
 * creates nobody twice, malformed files refused as a whole, and no import while a server runs on the data
 * directory.
 */
@Timeout(120)
class ImportCommandIntegrationTest
{
    private static final String FILE = """
        # exported from the legacy billing system
        msisdn,imsi,nai,balance,credit_limit,status,billing_day,buckets,password
        491750000001,262015000000001,,10.00,0,active,1,octets:1GiB:10:2026-02-01T00:00:00Z,s3cret
        491750000002,,bob@example.net,"5.50",1.00,blocked,15,seconds:3600;events:10:30,
        491750000003,,,abc,,,,,
        4917x,,,1.00,,,,,
        491750000001,,,1.00,,,,,
        491750000004,262015000000001,,1.00,,,,,
        491750000005,,,1.00,,,,octets:5GB,

        491750000006,,,1.00,-5,,,,
        491750000007,,,1.00,,frozen,,,
        491750000008,,,1.00,,,31,,
        491750000009,,,1.00,,,
        491750000010,,,"1.00,,,,,,
        ,,,1.00,,,,,
        491750000011,,carol@example.net,-2.5000,,,,seconds:60:20:yesterday,
        491750000012,,,-2.5000,,,,,
        """;

    @TempDir
    Path dir;

    private int run(final ByteArrayOutputStream out, final ByteArrayOutputStream err, final String... args)
        throws Exception
    {
        return GyroMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String[] importArgs(final Path file, final Path dataDir)
    {
        return new String[] {"import", file.toString(), "--config", Path.of("..", "config", "gyro.yaml").toString(),
            "--set", "node.data-dir=" + dataDir, "--set", "ledger.journal-sync=none", "--set", "ledger.ring-size=1024"};
    }

    @Test
    void shouldApplyGoodRowsReportBadOnesAndCreateNobodyTwice() throws Exception
    {
        final Path file = dir.resolve("legacy.csv");
        Files.writeString(file, FILE.replace("\n", "\r\n"));
        final Path dataDir = dir.resolve("data");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(GyroMain.EXIT_ROWS_REJECTED, run(out, err, importArgs(file, dataDir)), err.toString());
        assertTrue(out.toString().contains("15 rows, 3 created, 0 existing (unchanged), 12 rejected"), out + " " + err);

        final List<String> report = Files.readAllLines(Path.of(file + ".rejected.csv"));
        final List<String> expected = List.of(
            "line,reason",
            "5,\"balance: 'abc' is not a decimal amount",
            "6,\"msisdn: '4917x' is not 1..15 digits",
            "7,\"identity msisdn 491750000001 is also in line 3\"",
            "8,\"identity imsi 262015000000001 is also in line 3\"",
            "9,\"buckets[1]: amount: '5GB' is ambiguous",
            "11,\"credit_limit: must not be negative\"",
            "12,\"status: 'frozen' is not active or blocked\"",
            "13,\"billing_day: '31' is not 1..28\"",
            "14,\"has 7 fields but the header names 9\"",
            "15,\"unterminated quoted field",
            "16,\"no identity: at least one of msisdn, imsi, nai is required\"",
            "17,\"buckets[1]: expiry 'yesterday' is not an ISO-8601 instant");
        assertEquals(expected.size(), report.size(), String.join("\n", report));
        for (int i = 0; i < expected.size(); i++)
        {
            assertTrue(report.get(i).startsWith(expected.get(i)), report.get(i) + " should start with " +
                expected.get(i));
        }

        // The same file again: nobody is created twice, nothing changes.
        out.reset();
        assertEquals(GyroMain.EXIT_ROWS_REJECTED, run(out, err, importArgs(file, dataDir)), err.toString());
        assertTrue(out.toString().contains("15 rows, 0 created, 3 existing (unchanged), 12 rejected"), out + " " + err);

        try (TestServer server = TestServer.aServer(dataDir).start())
        {
            final AccountView first = server.account("491750000001");
            assertNotNull(first);
            assertEquals(100_000, first.balanceMinor());
            assertEquals(AccountStatus.ACTIVE, first.status());
            assertEquals(1, first.buckets().size());
            final BucketView bucket = first.buckets().get(0);
            assertEquals(UnitType.OCTETS, bucket.unitType());
            assertEquals(1L << 30, bucket.creditedUnits());
            assertEquals(10, bucket.ratingGroup());
            final AccountView second = server.account("491750000002");
            assertEquals(55_000, second.balanceMinor());
            assertEquals(10_000, second.creditLimitMinor());
            assertEquals(AccountStatus.BLOCKED, second.status());
            assertEquals(15, second.billingDay());
            assertEquals(2, second.buckets().size());
            assertTrue(second.identities().contains("NAI:bob@example.net"), second.identities().toString());
            assertEquals(-25_000, server.account("491750000012").balanceMinor());
            assertNull(server.account("491750000003"));
            assertNull(server.account("491750000004"));
        }
    }

    @Test
    void shouldReadAFileWithAByteOrderMarkAndRejectAnExpiryBeyondTheEpochMillisecondsRow() throws Exception
    {
        final Path file = dir.resolve("excel.csv");
        Files.writeString(file, "\uFEFFmsisdn,buckets\n491750000021,events:1\n" +
            "491750000022,events:1:*:+300000000-01-01T00:00:00Z\n491750000023,events:1\n");
        final Path dataDir = dir.resolve("data");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(GyroMain.EXIT_ROWS_REJECTED, run(out, err, importArgs(file, dataDir)), err.toString());
        assertTrue(out.toString().contains("3 rows, 2 created, 0 existing (unchanged), 1 rejected"), out + " " + err);
        final List<String> report = Files.readAllLines(Path.of(file + ".rejected.csv"));
        assertTrue(report.get(1).startsWith("3,\"buckets[1]: expiry '+300000000-01-01T00:00:00Z' is not"),
            String.join("\n", report));
        try (TestServer server = TestServer.aServer(dataDir).start())
        {
            assertNotNull(server.account("491750000021"));
            assertNull(server.account("491750000022"));
            assertNotNull(server.account("491750000023"), "the rows after the bad one are applied too");
        }
    }

    @Test
    void shouldRefuseMalformedFilesAsAWhole() throws Exception
    {
        final Path dataDir = dir.resolve("data");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Path empty = Files.writeString(dir.resolve("empty.csv"), "# nothing\n");
        assertEquals(GyroMain.EXIT_USAGE, run(out, err, importArgs(empty, dataDir)));
        assertTrue(err.toString().contains("the file is empty"), err.toString());

        err.reset();
        final Path unknownColumn = Files.writeString(dir.resolve("columns.csv"), "msisdn,colour\n491750000001,red\n");
        assertEquals(GyroMain.EXIT_USAGE, run(out, err, importArgs(unknownColumn, dataDir)));
        assertTrue(err.toString().contains("line 1: header: unknown column 'colour'"), err.toString());

        err.reset();
        final Path noIdentity = Files.writeString(dir.resolve("noid.csv"), "balance\n1.00\n");
        assertEquals(GyroMain.EXIT_USAGE, run(out, err, importArgs(noIdentity, dataDir)));
        assertTrue(err.toString().contains("needs at least one identity column"), err.toString());

        err.reset();
        final Path twice = Files.writeString(dir.resolve("twice.csv"), "msisdn,balance,msisdn\n");
        assertEquals(GyroMain.EXIT_USAGE, run(out, err, importArgs(twice, dataDir)));
        assertTrue(err.toString().contains("column 'msisdn' appears twice"), err.toString());

        err.reset();
        assertEquals(GyroMain.EXIT_USAGE, run(out, err, importArgs(dir.resolve("missing.csv"), dataDir)));
        assertTrue(err.toString().contains("cannot read"), err.toString());

        err.reset();
        // A Latin-1 export: 'é' is the single octet 0xE9, which is no UTF-8.
        final Path latin1 = Files.write(dir.resolve("latin1.csv"),
            "msisdn,nai\n491750000001,a@example.net\n491750000002,jos\u00e9@example.net\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(GyroMain.EXIT_USAGE, run(out, err, importArgs(latin1, dataDir)));
        assertTrue(err.toString().contains("line 3: not valid UTF-8"), err.toString());

        try (TestServer server = TestServer.aServer(dataDir).start())
        {
            assertNull(server.account("491750000001"), "nothing applied");
        }
    }

    @Test
    void shouldRefuseToImportWhileAServerRunsOnTheDataDirectory() throws Exception
    {
        final Path dataDir = dir.resolve("data");
        final Path file = Files.writeString(dir.resolve("one.csv"), "msisdn,balance\n491750000001,1.00\n");
        try (TestServer server = TestServer.aServer(dataDir).start())
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(GyroMain.EXIT_USAGE, run(out, err, importArgs(file, dataDir)));
            assertTrue(err.toString().contains("another Gyro is running on the data directory"), err.toString());
            assertFalse(err.toString().isEmpty());
            assertNull(server.account("491750000001"));
        }
    }
}
