package io.gyro.simulator.bras;

import io.gyro.protocol.radius.RadiusCode;
import io.gyro.simulator.Mode;
import io.gyro.simulator.SimulatorOptions;
import io.gyro.simulator.SimulatorRunner;
import io.gyro.simulator.SubscriberRange;
import io.gyro.simulator.UsagePattern;
import io.gyro.simulator.report.Counter;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The BRAS simulator against {@link FakeRadiusServer} over loopback UDP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RadiusRunIntegrationTest
{
    private static final long MSISDN = 491_700_000_000L;
    private static final long GIB = 1L << 30;

    @TempDir
    Path reportDir;

    private FakeRadiusServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void stop() throws InterruptedException
    {
        if (null != server)
        {
            server.close();
        }
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private SimulatorRunner.Outcome run(final SimulatorOptions options)
    {
        final SimulatorRunner.Outcome outcome = new SimulatorRunner(options.conclude(), server, SystemNanoClock.INSTANCE,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8)).run();
        assertTrue(server.problems().isEmpty(), server.problems().toString());
        return outcome;
    }

    private SimulatorOptions options(final int coaPort)
    {
        return new SimulatorOptions().mode(Mode.RADIUS).port(server.authPort()).acctPort(server.acctPort())
            .coaPort(coaPort).connections(1).sessions(2).window(2)
            .subscribers(new SubscriberRange(MSISDN, 262_010_000_000_000L, 4)).reportDir(reportDir).quiet(true)
            .verify(true);
    }

    private static Map<String, List<FakeRadiusServer.Accounting>> bySession(final List<FakeRadiusServer.Accounting> all)
    {
        final Map<String, List<FakeRadiusServer.Accounting>> sessions = new LinkedHashMap<>();
        for (final FakeRadiusServer.Accounting record : all)
        {
            sessions.computeIfAbsent(record.acctSessionId(), id -> new ArrayList<>()).add(record);
        }
        return sessions;
    }

    @Test
    void shouldAuthenticateThenStartInterimAndStopWithCumulativeCountersAcrossGigawords() throws Exception
    {
        server = new FakeRadiusServer(3600).accounts(MSISDN, 4, 100_000_000).start();

        final SimulatorRunner.Outcome outcome = run(options(freeUdpPort()).count(20).updates(2)
            .interimOctets(8 * GIB).usage(UsagePattern.parse("full")));

        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), outcome.report() + out);
        assertTrue(server.openSessions().isEmpty(), "every accounting session stopped");
        int complete = 0;
        for (final List<FakeRadiusServer.Accounting> session : bySession(server.accounting()).values())
        {
            assertEquals(BrasConnection.STATUS_START, session.get(0).statusType());
            final FakeRadiusServer.Accounting stop = session.get(session.size() - 1);
            assertEquals(BrasConnection.STATUS_STOP, stop.statusType());
            assertEquals(BrasConnection.CAUSE_USER_REQUEST, stop.terminateCause());
            String classValue = null;
            long previous = 0;
            for (int i = 0; i < session.size(); i++)
            {
                final FakeRadiusServer.Accounting record = session.get(i);
                assertNotNull(record.classValue(), "the Class of the Access-Accept is echoed");
                classValue = null == classValue ? record.classValue() : classValue;
                assertEquals(classValue, record.classValue());
                if (i > 0)
                {
                    final long total = record.inputOctets() + record.outputOctets();
                    assertEquals(previous + 8 * GIB, total, "cumulative: each record adds one interval's 8 GiB");
                    assertEquals(i * 2L, record.inputOctets() / GIB, "a quarter up");
                    assertEquals(record.inputOctets() >>> 32, record.inputGigawords(), "Octets + Gigawords");
                    assertEquals(i * 300L, record.sessionTime());
                    previous = total;
                }
            }
            if (4 == session.size())
            {
                complete++;
                assertTrue(stop.inputGigawords() >= 1, "the counters passed 2^32");
            }
        }
        assertTrue(complete >= 3, "Start, 2 Interim, Stop: " + complete);
        assertTrue(outcome.verification().passed(), outcome.report());
        assertTrue(outcome.verification().expectedChargeMinor() > 0);
        assertEquals(0, outcome.summary().counter(Counter.SESSIONS_LEFT_OPEN));
    }

    @Test
    void shouldStartAndStopSessionsAuthorisedWhenTheRunEnds() throws Exception
    {
        // The request quota is spent on the two Access-Requests: both Accepts arrive while the NAS drains. The
        // server holds a reservation for each, so the NAS must account for them rather than walk away.
        server = new FakeRadiusServer(3600).accounts(MSISDN, 4, 100_000_000).start();

        final SimulatorRunner.Outcome outcome = run(options(freeUdpPort()).count(2).updates(2));

        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), outcome.report() + out);
        final Map<String, List<FakeRadiusServer.Accounting>> sessions = bySession(server.accounting());
        assertEquals(2, sessions.size(), sessions.toString());
        for (final List<FakeRadiusServer.Accounting> session : sessions.values())
        {
            assertEquals(List.of(BrasConnection.STATUS_START, BrasConnection.STATUS_STOP),
                session.stream().map(FakeRadiusServer.Accounting::statusType).toList());
            assertEquals(BrasConnection.CAUSE_USER_REQUEST, session.get(1).terminateCause());
        }
        assertTrue(server.openSessions().isEmpty(), "every accounting session stopped");
    }

    @Test
    void shouldStopWhenTheSessionTimeoutTimeQuotaIsReached() throws Exception
    {
        server = new FakeRadiusServer(600).accounts(MSISDN, 4, 100_000_000).start();

        final SimulatorRunner.Outcome outcome = run(options(freeUdpPort()).sessions(1).window(1).count(6).updates(5));

        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), outcome.report());
        final List<FakeRadiusServer.Accounting> first = bySession(server.accounting()).values().iterator().next();
        assertEquals(4, first.size(), "Start, Interim at 300 s, Interim at 600 s, Stop: " + first);
        assertEquals(BrasConnection.CAUSE_SESSION_TIMEOUT, first.get(3).terminateCause());
        assertTrue(first.get(3).sessionTime() <= 600);
        assertTrue(outcome.verification().passed(), outcome.report());
    }

    @Test
    void shouldAcknowledgeADisconnectThenSendTheStop() throws Exception
    {
        server = new FakeRadiusServer(3600).accounts(MSISDN, 4, 100_000_000).start();
        final int coaPort = freeUdpPort();
        final AtomicReference<String> target = new AtomicReference<>();
        final CompletableFuture<Integer> answer = new CompletableFuture<>();
        final CompletableFuture<Integer> unknown = new CompletableFuture<>();
        server.hook((fake, record) ->
        {
            if (BrasConnection.STATUS_START == record.statusType() && target.compareAndSet(null, record.acctSessionId()))
            {
                fake.disconnect(record.acctSessionId(), coaPort).whenComplete((code, error) -> answer.complete(code));
                fake.disconnect("0001-9999999999-0000001", coaPort).whenComplete((code, error) -> unknown.complete(code));
            }
        });

        // Long sessions, so that the Disconnect (one round trip) lands long before the session would end by itself.
        final SimulatorRunner.Outcome outcome = run(options(coaPort).count(400).updates(100));

        assertEquals(RadiusCode.DISCONNECT_ACK, answer.get(10, TimeUnit.SECONDS) & 0xFF);
        final int nak = unknown.get(10, TimeUnit.SECONDS);
        assertEquals(RadiusCode.DISCONNECT_NAK, nak & 0xFF);
        assertEquals(CoaListener.SESSION_CONTEXT_NOT_FOUND, nak >>> 8);
        final List<FakeRadiusServer.Accounting> session = bySession(server.accounting()).get(target.get());
        final FakeRadiusServer.Accounting stop = session.get(session.size() - 1);
        assertEquals(BrasConnection.STATUS_STOP, stop.statusType());
        assertEquals(BrasConnection.CAUSE_ADMIN_RESET, stop.terminateCause());
        assertTrue(session.size() < 102, "the Stop came before the session ran out of updates");
        assertEquals(1, outcome.summary().counter(Counter.SERVER_ABORT) - 1, "one real, one unknown");
        assertEquals(SimulatorRunner.EXIT_OK, outcome.exitCode(), outcome.report());
        assertTrue(outcome.verification().passed(), outcome.report());
    }

    @Test
    void shouldCountAccessRejectsAndChargeNothingForThem() throws Exception
    {
        server = new FakeRadiusServer(3600).accounts(MSISDN, 2, 100_000_000).start();

        final SimulatorRunner.Outcome outcome = run(options(freeUdpPort()).count(24));

        assertTrue(server.rejects() >= 2, "both subscribers without an account were tried");
        assertEquals(server.rejects(), outcome.summary().resultCodes().get(RadiusCode.ACCESS_REJECT));
        assertEquals(List.of(Long.toString(MSISDN + 2), Long.toString(MSISDN + 3)),
            outcome.verification().unknown().stream().sorted().toList(),
            "the rejected subscribers are unknown to the server");
        assertTrue(server.accounting().stream().noneMatch(record -> outcome.verification().unknown()
            .contains(record.userName())), "a rejected subscriber opened no accounting session");
        assertEquals(List.of(), outcome.verification().errors(), "no charge expected for a rejected subscriber");
        assertEquals(List.of(), outcome.verification().differences(), "the served subscribers paid what was expected");
        assertTrue(outcome.verification().subscribersCharged() > 0, "the served subscribers were charged");
    }
}
