package io.gyro.server.importer;

import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import benchmark of issue 6: one million rows (MSISDN, IMSI, balance, one bucket) generated here, imported
 * into a server with the bundled configuration's ledger settings (ring 65536, journal-sync batch). Prints the
 * time; run with {@code -Pslow -Dtest=ImportBenchmarkTest}. The target is 30 s or less.
 */
@Tag("slow")
@Timeout(600)
class ImportBenchmarkTest
{
    private static final int ROWS = 1_000_000;
    private static final long MSISDN_START = 491800000000L;
    private static final long IMSI_START = 262020000000000L;

    @TempDir
    Path dir;

    @Test
    void shouldImportOneMillionRows() throws Exception
    {
        final Path file = dir.resolve("million.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            out.write("msisdn,imsi,balance,credit_limit,status,buckets\n");
            for (int i = 0; i < ROWS; i++)
            {
                out.write(Long.toString(MSISDN_START + i));
                out.write(',');
                out.write(Long.toString(IMSI_START + i));
                out.write(i % 2 == 0 ? ",12.50,0,active,octets:1GiB:10\n" : ",0.99,5.00,active,\n");
            }
        }
        try (TestServer server = TestServer.aServer(dir.resolve("data"))
            .with("ledger.ring-size=65536").with("ledger.journal-sync=batch").with("demo.enabled=false").start())
        {
            final AtomicLong problems = new AtomicLong();
            final long started = System.nanoTime();
            final SubscriberImporter.Report report;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                report = new SubscriberImporter(server.server().ledger(), server.clock(), 4)
                    .run(in, problem -> problems.incrementAndGet());
            }
            final long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("IMPORT BENCHMARK: %d rows, %d created in %d ms (%.0f rows/s), journal-sync batch%n",
                report.rows(), report.created(), elapsedMs, report.rows() * 1000.0 / elapsedMs);
            assertTrue(server.server().cdrWriter().awaitCaughtUp(java.time.Duration.ofSeconds(60)));
            System.out.printf("IMPORT BENCHMARK: the CDR tailer had read the whole journal %d ms after the start%n",
                (System.nanoTime() - started) / 1_000_000);
            assertEquals(ROWS, report.created());
            assertEquals(0, problems.get());
            assertNotNull(server.account(Long.toString(MSISDN_START + ROWS - 1)));
        }
    }
}
