package io.gyro.server.cdr;

import io.gyro.protocol.diameter.AvpDescriptor;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.RequestedAction;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.gyro.ledger.AccountSpec;
import io.gyro.ledger.BucketSpec;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.UnitType;
import io.gyro.server.ledger.CommandOutcome;
import io.gyro.server.ledger.Priority;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CDR files checked against the sessions that produced them: one line per rating group of each closed session
 * and per event charge, with the PGW's correlation fields; across a clean restart and a crash of the CDR writer,
 * no line is lost and none is written twice; files complete when their period ends.
 */
@Timeout(90)
class CdrIntegrationTest
{
    private static final long MIB = 1L << 20;
    private static final String SUBSCRIBER = "491700000005";
    private static final String IMSI = "262010000000005";
    private static final int PERIOD_MS = 3_600_000;

    @TempDir
    Path dataDir;
    private TestServer server;
    private DiameterTestClient client;

    @BeforeEach
    void start() throws Exception
    {
        server = TestServer.aServer(dataDir).with("diameter.watchdog-interval=1h").start();
        connect();
    }

    private void connect() throws Exception
    {
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
    }

    @AfterEach
    void stop()
    {
        if (null != client)
        {
            client.close();
        }
        if (null != server)
        {
            server.close();
        }
    }

    private Path cdrDir()
    {
        return dataDir.resolve("cdr");
    }

    private List<Map<String, String>> rows() throws Exception
    {
        assertTrue(server.server().cdrWriter().awaitCaughtUp(Duration.ofSeconds(20)), "CDR writer caught up");
        return CdrFilesReader.rows(cdrDir());
    }

    private static Ccr psInformation(final Ccr ccr, final String apn, final long chargingId)
    {
        final int vendorMandatory = AvpDescriptor.FLAG_VENDOR | AvpDescriptor.FLAG_MANDATORY;
        return ccr.with(encoder -> encoder
            .beginGroup(AvpCode.SERVICE_INFORMATION, vendorMandatory, VendorId.TGPP)
            .beginGroup(AvpCode.PS_INFORMATION, vendorMandatory, VendorId.TGPP)
            .uint32(AvpCode.TGPP_CHARGING_ID, vendorMandatory, VendorId.TGPP, chargingId)
            .utf8(AvpCode.TGPP_SGSN_MCC_MNC, vendorMandatory, VendorId.TGPP, "26201")
            .octets(AvpCode.TGPP_RAT_TYPE, AvpDescriptor.FLAG_VENDOR, VendorId.TGPP, new byte[] {6})
            .utf8(AvpCode.CALLED_STATION_ID, AvpDescriptor.FLAG_MANDATORY, 0, apn)
            .endGroup()
            .endGroup());
    }

    private static Map<String, String> only(final List<Map<String, String>> rows, final String sessionId,
        final String ratingGroup, final int part)
    {
        final List<Map<String, String>> matching = rows.stream()
            .filter(row -> sessionId.equals(row.get("session_id")) && ratingGroup.equals(row.get("rating_group")) &&
                Integer.toString(part).equals(row.get("session_part")))
            .collect(Collectors.toList());
        assertEquals(1, matching.size(), "lines for " + sessionId + " rg " + ratingGroup + " part " + part + ": " +
            matching);
        return matching.get(0);
    }

    @Test
    void shouldWriteOneLinePerRatingGroupOfEachClosedSessionWithTheGatewaysFields() throws Exception
    {
        assertEquals(ResultCode.SUCCESS, psInformation(Ccr.initial("pgw1;cdr;1").msisdn(SUBSCRIBER).imsi(IMSI)
            .mscc(10).mscc(20), "internet.example", 0xCAFE_0001L).send(client).resultCode());
        server.clock().advance(30_000);
        assertEquals(ResultCode.SUCCESS, Ccr.update("pgw1;cdr;1", 1).msisdn(SUBSCRIBER).usedOctets(10, 2 * MIB)
            .send(client).resultCode());
        assertTrue(rows().isEmpty(), "nothing while the session is open");
        server.clock().advance(30_000);
        assertEquals(ResultCode.SUCCESS, Ccr.terminate("pgw1;cdr;1", 2).msisdn(SUBSCRIBER).finalOctets(10, MIB)
            .mscc(20, null, new ServiceUnits().timeSeconds(61)).send(client).resultCode());

        assertEquals(ResultCode.SUCCESS, Ccr.event("pgw1;cdr;event", RequestedAction.DIRECT_DEBITING)
            .msisdn(SUBSCRIBER).mscc(30, new ServiceUnits().serviceSpecificUnits(2), null).send(client).resultCode());
        assertEquals(ResultCode.CREDIT_LIMIT_REACHED, Ccr.initial("pgw1;cdr;refused").msisdn("491709999990").mscc(10)
            .send(client).resultCode());

        final List<Map<String, String>> rows = rows();
        assertEquals(4, rows.size(), rows.toString());
        final Map<String, String> data = only(rows, "pgw1;cdr;1", "10", 1);
        assertEquals("session", data.get("record_type"));
        assertEquals(SUBSCRIBER, data.get("msisdn"));
        assertEquals(IMSI, data.get("imsi"));
        assertEquals("2026-01-05T10:00:00.000Z", data.get("start_time"));
        assertEquals("2026-01-05T10:01:00.000Z", data.get("end_time"));
        assertEquals(Long.toString(3 * MIB), data.get("used_octets"));
        assertEquals("0", data.get("used_seconds"));
        assertEquals("0.0300", data.get("amount_charged"));
        assertEquals("300", data.get("amount_charged_minor"));
        assertEquals("success", data.get("outcome"));
        assertEquals("terminated", data.get("termination_cause"));
        assertEquals(Long.toString(0xCAFE_0001L), data.get("charging_id"));
        assertEquals("internet.example", data.get("apn"));
        assertEquals("26201", data.get("sgsn_mcc_mnc"));
        assertEquals("6", data.get("rat_type"));
        assertEquals("pgw1.test.example", data.get("origin_host"));
        assertEquals("", data.get("pilot_would_deny"));

        final Map<String, String> voice = only(rows, "pgw1;cdr;1", "20", 1);
        assertEquals("61", voice.get("used_seconds"));
        assertEquals("0.6100", voice.get("amount_charged"));
        assertEquals(data.get("account_id"), voice.get("account_id"));

        final Map<String, String> event = only(rows, "pgw1;cdr;event", "30", 1);
        assertEquals("event", event.get("record_type"));
        assertEquals("2", event.get("used_events"));
        assertEquals("0.1000", event.get("amount_charged"));
        assertEquals("event", event.get("termination_cause"));

        final Map<String, String> refused = only(rows, "pgw1;cdr;refused", "10", 1);
        assertEquals("credit_limit_reached", refused.get("outcome"));
        assertEquals("initial_failed", refused.get("termination_cause"));
        assertEquals("0", refused.get("amount_charged_minor"));
        assertIdsContiguous(rows);
    }

    @Test
    void shouldCountEveryBucketThatPaidTheSessionInItsLine() throws Exception
    {
        final String bundled = "491700000777";
        assertEquals(LedgerResult.SUCCESS, server.server().ledger().call(Priority.INTERNAL, command ->
        {
            command.type = CommandType.CREATE_ACCOUNT;
            command.timestampMs = server.clock().time();
            command.payload = new AccountSpec().identity(IdentityType.E164, bundled).openingBalanceMinor(1_000)
                .bucket(new BucketSpec(UnitType.OCTETS, 2 * MIB, 10, BucketSpec.NEVER_EXPIRES))
                .bucket(new BucketSpec(UnitType.OCTETS, 3 * MIB, BucketSpec.ANY_RATING_GROUP,
                    BucketSpec.NEVER_EXPIRES));
        }).join().result());
        assertEquals(ResultCode.SUCCESS, Ccr.initial("pgw1;bundles").msisdn(bundled).mscc(10).send(client)
            .resultCode());
        // The grant is the scoped bundle's 2 MiB; 6 MiB used: 2 + 3 MiB from the bundles, 1 MiB (100) from money.
        assertEquals(ResultCode.SUCCESS, Ccr.terminate("pgw1;bundles", 1).msisdn(bundled).finalOctets(10, 6 * MIB)
            .send(client).resultCode());

        final Map<String, String> line = only(rows(), "pgw1;bundles", "10", 1);
        assertEquals(Long.toString(6 * MIB), line.get("used_octets"));
        assertEquals(Long.toString(5 * MIB), line.get("bucket_units"));
        assertEquals("100", line.get("amount_charged_minor"));
    }

    @Test
    void shouldWriteReleasedSessionThenItsLateUsageAsASecondPart() throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.initial("pgw1;tcc").msisdn(SUBSCRIBER).mscc(10).send(client)
            .resultCode());
        server.advance(1_201_000);
        List<Map<String, String>> rows = rows();
        assertEquals(1, rows.size());
        assertEquals("supervision_expired", only(rows, "pgw1;tcc", "10", 1).get("termination_cause"));
        assertEquals("0", only(rows, "pgw1;tcc", "10", 1).get("used_octets"));

        assertEquals(ResultCode.SUCCESS, Ccr.terminate("pgw1;tcc", 1).msisdn(SUBSCRIBER).finalOctets(10, 4 * MIB)
            .send(client).resultCode());
        rows = rows();
        assertEquals(2, rows.size());
        final Map<String, String> late = only(rows, "pgw1;tcc", "10", 2);
        assertEquals(Long.toString(4 * MIB), late.get("used_octets"));
        assertEquals("400", late.get("amount_charged_minor"));
        assertEquals("terminated", late.get("termination_cause"));
    }

    @Test
    void shouldLoseAndRepeatNothingAcrossRestartAndCrash() throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.initial("pgw1;r;1").msisdn(SUBSCRIBER).mscc(10).send(client)
            .resultCode());
        assertEquals(ResultCode.SUCCESS, Ccr.initial("pgw1;r;2").msisdn(SUBSCRIBER).mscc(10).send(client)
            .resultCode());
        assertEquals(ResultCode.SUCCESS, Ccr.terminate("pgw1;r;1", 1).msisdn(SUBSCRIBER).finalOctets(10, MIB)
            .send(client).resultCode());
        assertEquals(1, rows().size());

        // A clean restart in the middle of session 2.
        client.close();
        server.stop();
        server.start();
        connect();
        assertEquals(ResultCode.SUCCESS, Ccr.update("pgw1;r;2", 1).msisdn(SUBSCRIBER).usedOctets(10, MIB)
            .send(client).resultCode());
        assertEquals(ResultCode.SUCCESS, Ccr.initial("pgw1;r;3").msisdn(SUBSCRIBER).mscc(10).send(client)
            .resultCode());
        assertEquals(ResultCode.SUCCESS, Ccr.terminate("pgw1;r;3", 1).msisdn(SUBSCRIBER).finalOctets(10, 3 * MIB)
            .send(client).resultCode());
        assertEquals(2, rows().size());

        // The CDR writer dies after writing lines its checkpoint does not cover yet.
        final long linesBeforeCrash = Files.readAllLines(inProgress()).size();
        server.server().cdrWriter().halt();
        assertTrue(linesBeforeCrash > 2, "lines after the checkpoint are in the file");
        client.close();
        server.stop();

        server.start();
        connect();
        assertEquals(ResultCode.SUCCESS, Ccr.terminate("pgw1;r;2", 2).msisdn(SUBSCRIBER).finalOctets(10, 2 * MIB)
            .send(client).resultCode());
        final List<Map<String, String>> rows = rows();
        assertEquals(3, rows.size(), rows.toString());
        assertEquals(Long.toString(MIB), only(rows, "pgw1;r;1", "10", 1).get("used_octets"));
        assertEquals(Long.toString(3 * MIB), only(rows, "pgw1;r;2", "10", 1).get("used_octets"),
            "usage on both sides of the restart and the crash, in one line");
        assertEquals(Long.toString(3 * MIB), only(rows, "pgw1;r;3", "10", 1).get("used_octets"));
        assertIdsContiguous(rows);
    }

    private Path inProgress() throws Exception
    {
        final List<Path> open = CdrFilesReader.files(cdrDir(), CdrFiles.OPEN_SUFFIX);
        assertEquals(1, open.size(), open.toString());
        return open.get(0);
    }

    @Test
    void shouldCompleteTheFileWhenItsPeriodEndsAndStartANewOne() throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.event("pgw1;p;1", RequestedAction.DIRECT_DEBITING)
            .msisdn(SUBSCRIBER).mscc(30, new ServiceUnits().serviceSpecificUnits(1), null).send(client).resultCode());
        assertEquals(1, rows().size());
        final Path first = inProgress();
        assertEquals("gyro-cdr-20260105T100000Z.csv.inprogress", first.getFileName().toString());

        server.clock().advance(PERIOD_MS);
        final Path done = cdrDir().resolve("gyro-cdr-20260105T100000Z.csv");
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(done) && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(1_000_000);
        }
        assertTrue(Files.exists(done), "completed when the clock passed the end of its hour");
        assertFalse(Files.exists(first));

        assertEquals(ResultCode.SUCCESS, Ccr.event("pgw1;p;2", RequestedAction.DIRECT_DEBITING)
            .msisdn(SUBSCRIBER).mscc(30, new ServiceUnits().serviceSpecificUnits(1), null).send(client).resultCode());
        final List<Map<String, String>> rows = rows();
        assertEquals(2, rows.size());
        assertEquals("gyro-cdr-20260105T110000Z.csv.inprogress", rows.get(1).get("file"));
        assertEquals(new String(Files.readAllBytes(done), StandardCharsets.UTF_8).split("\r\n").length, 2);
        assertIdsContiguous(rows);
    }

    private static void assertIdsContiguous(final List<Map<String, String>> rows)
    {
        final Set<Long> ids = new HashSet<>();
        long expected = 1;
        for (final Map<String, String> row : rows)
        {
            final long id = Long.parseLong(row.get("record_id"));
            assertTrue(ids.add(id), "record id " + id + " twice");
            assertEquals(expected++, id, "record ids contiguous from 1");
        }
    }

    @Test
    void shouldKeepUpWithManySessionsJournaledBackToBack() throws Exception
    {
        final int sessions = 5_000;
        final List<CompletableFuture<CommandOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < sessions; i++)
        {
            final String key = "bulk;" + i;
            final String msisdn = Long.toString(491700000000L + (i % 100));
            outcomes.add(server.server().ledger().call(Priority.INTERNAL, command ->
            {
                command.type = CommandType.RESERVE;
                command.timestampMs = server.clock().time();
                command.sessionKey(key);
                command.addIdentity(IdentityType.E164, msisdn);
                command.addService(10, 0, -1);
            }));
            outcomes.add(server.server().ledger().call(Priority.INTERNAL, command ->
            {
                command.type = CommandType.TERMINATE;
                command.timestampMs = server.clock().time();
                command.requestNumber = 1;
                command.sessionKey(key);
                command.addIdentity(IdentityType.E164, msisdn);
                command.addService(10, -1, MIB + 1);
            }));
        }
        for (final CompletableFuture<CommandOutcome> outcome : outcomes)
        {
            assertEquals(LedgerResult.SUCCESS, outcome.join().result());
        }
        final List<Map<String, String>> rows = rows();
        assertEquals(sessions, rows.size());
        long chargedMinor = 0;
        for (final Map<String, String> row : rows)
        {
            assertEquals(Long.toString(MIB + 1), row.get("used_octets"));
            chargedMinor += Long.parseLong(row.get("amount_charged_minor"));
        }
        assertEquals(sessions * 200L, chargedMinor, "two started MiB each");
        assertIdsContiguous(rows);
    }
}
