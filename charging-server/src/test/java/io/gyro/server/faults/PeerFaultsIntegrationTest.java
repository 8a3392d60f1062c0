package io.gyro.server.faults;

import io.gyro.ledger.AccountView;
import io.gyro.ledger.testing.FaultInjectingJournal;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.RequestedAction;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.gyro.server.diameter.DiameterConnection;
import io.gyro.server.diameter.DiameterCounters;
import io.gyro.server.diameter.DiameterLane;
import io.gyro.server.test.Cca;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faulty peers and a slow disk (issue 8): a PGW that stops reading its answers while it keeps sending, a PGW that
 * vanishes mid-session, and a journal whose writes are delayed or hang. Other peers keep being answered; what the
 * server holds for the faulty peer is bounded (counted in queued bytes and requests read, never timed); the
 * invariant holds afterwards.
 */
@Timeout(120)
class PeerFaultsIntegrationTest
{
    private static final long MIB = 1L << 20;
    private static final long OPENING_MINOR = 1_000_000;
    private static final long MINOR_PER_MIB = 100;
    private static final String ALICE = "491700000003";
    private static final String BOB = "491700000004";
    private static final String CAROL = "491700000005";
    /** Requests the stalled reader sends: their answers (about 8 MiB) are far more than the kernel buffers and the
     * 1 MiB high-water mark of the server's outbound buffer hold together, so the server must stop reading it. */
    private static final int STALLED_READER_REQUESTS = 32_000;
    /**
     * What the server may hold for a peer that does not read: the outbound high-water mark (1 MiB, DiameterServer)
     * plus the answers to what one read loop took in before reading stopped (Netty reads at most 16 buffers of at
     * most 64 KiB each, about 3,000 CCRs) and requests in the ring; 4 MiB is a generous ceiling for both.
     */
    private static final long QUEUED_BYTES_BOUND = 4 * MIB;

    @TempDir
    Path dataDir;
    private TestServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception
    {
        for (final AutoCloseable closeable : closeables)
        {
            closeable.close();
        }
        if (null != server)
        {
            server.close();
        }
    }

    private DiameterTestClient peer(final String host) throws Exception
    {
        final DiameterTestClient client = new DiameterTestClient(host).connect(server.diameterAddress());
        closeables.add(client);
        assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
        return client;
    }

    private DiameterLane lane()
    {
        return server.server().diameter().lanes().get(0);
    }

    /** Open a session, report {@code reports} times one octet each, close it; every answer must be 2001. */
    private static void session(final DiameterTestClient client, final String id, final String msisdn, final int reports)
        throws Exception
    {
        assertEquals(ResultCode.SUCCESS, Ccr.initial(id).msisdn(msisdn).mscc(10).send(client).resultCode());
        for (int i = 1; i <= reports; i++)
        {
            assertEquals(ResultCode.SUCCESS, Ccr.update(id, i).msisdn(msisdn).usedOctets(10, 1).send(client)
                .resultCode());
        }
        assertEquals(ResultCode.SUCCESS,
            Ccr.terminate(id, reports + 1).msisdn(msisdn).finalOctets(10, 1).send(client).resultCode());
    }

    @Test
    void shouldStopReadingAPeerThatStopsReadingAndKeepServingTheOthers() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        final DiameterTestClient fast = peer("fast.test.example");
        final StalledPeer slow = new StalledPeer(server.diameterAddress(), "slow.test.example");
        closeables.add(slow);
        slow.capabilitiesExchange();
        assertEquals(ResultCode.SUCCESS, Cca.decode(slow.exchange(Ccr.initial("slow;1").msisdn(ALICE).mscc(10)
            .originHost(slow.host).bytes(fast, 1, 1))).resultCode());

        slow.startWriting(number -> Ccr.update("slow;1", number).msisdn(ALICE).usedOctets(10, 1)
            .originHost(slow.host).bytes(fast, 100 + number, 100 + number), STALLED_READER_REQUESTS);
        final Channel channel = server.server().peers().find(slow.host).channel();
        assertTrue(FaultInjectingJournal.await(() -> !channel.isWritable() && !channel.config().isAutoRead() &&
            lane().pendingCount() == 0), "the server stopped reading the peer that does not read");

        // The kernel's socket buffers grow for a while and take some more answers; wait until what the server holds
        // for the peer no longer changes while the other peer is served (counts, not time).
        final DiameterCounters counters = lane().counters();
        long read = counters.creditControlRequests;
        long queued = channel.unsafe().outboundBuffer().totalPendingWriteBytes();
        boolean stable = false;
        for (int probe = 0; probe < 200 && !stable; probe++)
        {
            // Answered 2001, or 3004 while the slow peer's flood still fills the ring past the new-session threshold.
            final long result = Ccr.event("probe;" + probe, RequestedAction.CHECK_BALANCE).msisdn(BOB)
                .mscc(30, new ServiceUnits().serviceSpecificUnits(1), null).send(fast).resultCode();
            final long readNow = counters.creditControlRequests;
            final long queuedNow = channel.unsafe().outboundBuffer().totalPendingWriteBytes();
            stable = ResultCode.SUCCESS == result && readNow - read == 1 && queuedNow == queued &&
                !channel.config().isAutoRead();
            read = readNow;
            queued = queuedNow;
        }
        assertTrue(stable, "the server stopped taking requests in from the peer that does not read");
        final long readBefore = read;
        final long queuedBefore = queued;
        System.out.println("stalled reader: " + readBefore + " CCRs read, " + queuedBefore + " bytes queued");
        assertTrue(queuedBefore <= QUEUED_BYTES_BOUND, "queued answers stay bounded: " + queuedBefore);
        assertTrue(readBefore < STALLED_READER_REQUESTS, "the server did not take everything in: " + readBefore);

        session(fast, "fast;1", BOB, 50);
        assertEquals(52, counters.creditControlRequests - readBefore,
            "only the other peer's 52 requests were read meanwhile");
        assertEquals(queuedBefore, channel.unsafe().outboundBuffer().totalPendingWriteBytes(),
            "nothing more queued for the peer that does not read");
        assertFalse(channel.config().isAutoRead());

        slow.startReading();
        assertTrue(slow.awaitAnswers(STALLED_READER_REQUESTS), "every request of the slow peer is answered at last");
        assertNull(slow.failure.get());
        assertEquals(STALLED_READER_REQUESTS, slow.successes.get() + slow.shed.get(),
            "each answered 2001, or 3004 when its flood filled the ring past the update threshold");
        assertEquals(0, counters.droppedReplies);
        assertEquals(OPENING_MINOR - MINOR_PER_MIB, server.account(BOB).balanceMinor(),
            "52 octets in one session: one started MiB");
        // One octet per update answered 2001, none for those shed with 3004, rounded up over the one session.
        Invariants.assertCharged(server, ALICE, OPENING_MINOR, 0, dataChargeMinor(slow.successes.get()));
        Invariants.assertCharged(server, BOB, OPENING_MINOR, 0, dataChargeMinor(50 + 1));
    }

    @Test
    void shouldReleaseTheSessionsOfAPeerThatVanishesAndKeepServingTheOthers() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        final DiameterTestClient gone = peer("gone.test.example");
        final DiameterTestClient staying = peer("staying.test.example");
        for (int i = 0; i < 3; i++)
        {
            assertEquals(ResultCode.SUCCESS, Ccr.initial("gone;" + i).msisdn(ALICE).mscc(10).send(gone).resultCode());
        }
        assertEquals(ResultCode.SUCCESS, Ccr.initial("staying;1").msisdn(BOB).mscc(10).send(staying).resultCode());
        assertEquals(30 * MINOR_PER_MIB, server.account(ALICE).reservedMinor(), "three default grants of 10 MiB");

        // Reports in flight when the peer vanishes: the ledger charges them, their answers have nowhere to go.
        final CountDownLatch resume = new CountDownLatch(1);
        server.server().ledger().holdRepliesUntil(resume);
        for (int i = 0; i < 3; i++)
        {
            gone.send(Ccr.update("gone;" + i, 1).msisdn(ALICE).usedOctets(10, 2 * MIB).bytes(gone));
        }
        final DiameterCounters counters = lane().counters();
        assertTrue(FaultInjectingJournal.await(() -> lane().pendingCount() == 3));
        gone.vanish();
        assertTrue(FaultInjectingJournal.await(() -> null == server.server().peers().find("gone.test.example")),
            "the server noticed the peer is gone");
        server.server().ledger().holdRepliesUntil(null);
        resume.countDown();
        assertTrue(FaultInjectingJournal.await(() -> counters.droppedReplies == 3), "answers to nowhere are counted");

        assertEquals(ResultCode.SUCCESS, Ccr.update("staying;1", 1).msisdn(BOB).usedOctets(10, MIB).send(staying)
            .resultCode(), "the other peer is answered");
        assertEquals(ResultCode.SUCCESS, Ccr.terminate("staying;1", 2).msisdn(BOB).finalOctets(10, MIB)
            .send(staying).resultCode());
        assertEquals(OPENING_MINOR - 6 * MINOR_PER_MIB, server.account(ALICE).balanceMinor(),
            "the reports journaled before the peer vanished are charged");
        assertEquals(30 * MINOR_PER_MIB, server.account(ALICE).reservedMinor(), "its sessions still hold grants");

        // Tcc (RFC 4006 §5.5): twice the 600 s Validity-Time without a word, and supervision releases them.
        server.advance(1_201_000);
        final AccountView alice = server.account(ALICE);
        assertEquals(0, alice.reservedMinor(), "supervision released the vanished peer's sessions");
        assertEquals(0, alice.openSessions());
        assertEquals(OPENING_MINOR - 6 * MINOR_PER_MIB, alice.balanceMinor(), "released, not charged");
        assertEquals(OPENING_MINOR - 2 * MINOR_PER_MIB, server.account(BOB).balanceMinor());
        // Three sessions of 2 MiB each for Alice, nothing for their release; Bob's 1 + 1 MiB in one session.
        Invariants.assertCharged(server, ALICE, OPENING_MINOR, 0, 3 * dataChargeMinor(2 * MIB));
        Invariants.assertCharged(server, BOB, OPENING_MINOR, 0, dataChargeMinor(MIB + MIB));
    }

    @Test
    void shouldReleaseEverySessionOfARestartedPeerEvenManyMoreThanOneLedgerCommandHolds() throws Exception
    {
        // A PGW holds far more sessions than one journal record can release; when it restarts (a higher
        // Origin-State-Id, RFC 6733 §8.16) the server must release them all and keep serving.
        server = TestServer.aServer(dataDir).start();
        final int subscribers = 100;
        final int sessions = 3 * io.gyro.ledger.LedgerLimits.MAX_SESSIONS_RELEASED_PER_COMMAND;
        DiameterTestClient pgw = new DiameterTestClient("restarting.test.example").connect(server.diameterAddress());
        closeables.add(pgw);
        assertEquals(ResultCode.SUCCESS, pgw.cer(List.of(ApplicationIds.CREDIT_CONTROL), 1).resultCode());
        final List<CompletableFuture<byte[]>> opened = new ArrayList<>();
        for (int i = 0; i < sessions; i++)
        {
            opened.add(pgw.send(Ccr.initial("restarting;" + i).msisdn(Long.toString(491700000000L + i % subscribers))
                .mscc(10).bytes(pgw)));
        }
        for (final CompletableFuture<byte[]> answer : opened)
        {
            assertEquals(ResultCode.SUCCESS,
                Cca.decode(answer.get(DiameterTestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)).resultCode());
        }
        assertEquals((sessions + subscribers - 1) / subscribers * 1_000L, server.account("491700000000").reservedMinor());

        pgw.vanish();
        pgw = new DiameterTestClient("restarting.test.example").connect(server.diameterAddress());
        closeables.add(pgw);
        assertEquals(ResultCode.SUCCESS, pgw.cer(List.of(ApplicationIds.CREDIT_CONTROL), 2).resultCode(),
            "the restarted PGW comes back with a higher Origin-State-Id");
        // A restarted PGW's End-to-End Identifiers start afresh from the time (RFC 6733 §3), so they do not meet the
        // answers cached for its earlier incarnation; this test client would reuse them, so pick one explicitly.
        assertEquals(ResultCode.SUCCESS, Cca.decode(pgw.request(Ccr.initial("restarted;1").msisdn(ALICE).mscc(10)
            .bytes(pgw, pgw.nextHopByHop(), 0x7000_0001))).resultCode());
        assertTrue(FaultInjectingJournal.await(() ->
        {
            for (int i = 0; i < subscribers; i++)
            {
                final String msisdn = Long.toString(491700000000L + i);
                if (server.account(msisdn).reservedMinor() != (ALICE.equals(msisdn) ? 1_000 : 0))
                {
                    return false;
                }
            }
            return true;
        }), "every earlier session released, over several ledger commands");
        assertTrue(server.server().isReady(), "the server is still up");
        assertEquals(1, server.account(ALICE).openSessions(), "the session opened after the restart stays");
        assertEquals(ResultCode.SUCCESS, Cca.decode(pgw.request(Ccr.terminate("restarted;1", 1).msisdn(ALICE)
            .finalOctets(10, MIB).bytes(pgw, pgw.nextHopByHop(), 0x7000_0002))).resultCode());
        for (int i = 0; i < subscribers; i++)
        {
            // Released, not charged: only the session opened after the restart reported usage (Alice's MiB).
            final String msisdn = Long.toString(491700000000L + i);
            Invariants.assertCharged(server, msisdn, OPENING_MINOR, 0, ALICE.equals(msisdn) ? dataChargeMinor(MIB) : 0);
        }
    }

    @Test
    void shouldKeepAnsweringInOrderOnASlowDiskAndServePeersWhileTheJournalHangs() throws Exception
    {
        server = TestServer.aServer(dataDir).withJournalFaults().start();
        final FaultInjectingJournal disk = server.journalFaults();
        final DiameterTestClient first = peer("first.test.example");
        final DiameterTestClient second = peer("second.test.example");
        assertEquals(ResultCode.SUCCESS, Ccr.initial("first;1").msisdn(ALICE).mscc(10).send(first).resultCode());
        assertEquals(ResultCode.SUCCESS, Ccr.initial("second;1").msisdn(BOB).mscc(10).send(second).resultCode());

        // A slow disk: every journal write takes 20 ms more. Both peers pipeline their reports.
        disk.delayNanos(TimeUnit.MILLISECONDS.toNanos(20));
        final long documentsBefore = disk.appended();
        final List<Integer> sent = new ArrayList<>();
        final List<CompletableFuture<byte[]>> answers = new ArrayList<>();
        for (int i = 1; i <= 40; i++)
        {
            final int hopByHop = first.nextHopByHop();
            sent.add(hopByHop);
            answers.add(first.send(Ccr.update("first;1", i).msisdn(ALICE).usedOctets(10, 1000)
                .bytes(first, hopByHop, first.nextEndToEnd())));
            answers.add(second.send(Ccr.update("second;1", i).msisdn(BOB).usedOctets(10, 1000).bytes(second)));
        }
        for (final CompletableFuture<byte[]> answer : answers)
        {
            assertEquals(ResultCode.SUCCESS,
                Cca.decode(answer.get(DiameterTestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)).resultCode());
        }
        final List<Integer> arrived = new ArrayList<>(first.answerOrder());
        arrived.retainAll(sent);
        assertEquals(sent, arrived, "answers arrive in the order the requests were sent");
        final long documents = disk.appended() - documentsBefore;
        assertTrue(documents < 80, "a slow disk makes batches larger: 80 reports in " + documents + " documents");

        // A hanging disk: the journal write blocks. Watchdogs and capabilities exchange never touch the ledger.
        disk.delayNanos(0);
        final CountDownLatch hang = new CountDownLatch(1);
        disk.holdUntil(hang);
        final CompletableFuture<byte[]> held = first.send(Ccr.update("first;1", 41).msisdn(ALICE)
            .usedOctets(10, 1000).bytes(first));
        assertTrue(FaultInjectingJournal.await(() -> disk.attempts() > disk.appended()), "the append hangs");
        assertEquals(ResultCode.SUCCESS, second.dwr().resultCode(), "DWR answered while the journal hangs");
        final DiameterTestClient third = peer("third.test.example");
        assertFalse(held.isDone());
        disk.holdUntil(null);
        hang.countDown();
        assertEquals(ResultCode.SUCCESS,
            Cca.decode(held.get(DiameterTestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS)).resultCode());
        assertEquals(ResultCode.SUCCESS, Ccr.initial("third;1").msisdn(CAROL).mscc(10).send(third).resultCode());

        assertEquals(ResultCode.SUCCESS,
            Ccr.terminate("first;1", 42).msisdn(ALICE).finalOctets(10, 0).send(first).resultCode());
        assertEquals(ResultCode.SUCCESS,
            Ccr.terminate("second;1", 41).msisdn(BOB).finalOctets(10, 0).send(second).resultCode());
        assertEquals(ResultCode.SUCCESS,
            Ccr.terminate("third;1", 1).msisdn(CAROL).finalOctets(10, 0).send(third).resultCode());
        assertEquals(OPENING_MINOR - MINOR_PER_MIB, server.account(ALICE).balanceMinor(), "41,000 octets: one MiB");
        assertEquals(OPENING_MINOR - MINOR_PER_MIB, server.account(BOB).balanceMinor());
        Invariants.assertCharged(server, ALICE, OPENING_MINOR, 0, dataChargeMinor(41 * 1_000));
        Invariants.assertCharged(server, BOB, OPENING_MINOR, 0, dataChargeMinor(40 * 1_000));
        Invariants.assertCharged(server, CAROL, OPENING_MINOR, 0, 0);
    }

    /**
     * A Diameter peer on a plain blocking socket with a 4 KiB receive buffer: it writes requests from a thread of
     * its own and reads nothing until told to, like a PGW whose receive path hangs.
     */
    private static final class StalledPeer implements AutoCloseable
    {
        final String host;
        final AtomicLong successes = new AtomicLong();
        final AtomicLong shed = new AtomicLong();
        final AtomicReference<String> failure = new AtomicReference<>();
        private final Socket socket = new Socket();
        private final DataInputStream in;
        private final OutputStream out;
        private final AtomicLong answers = new AtomicLong();
        private Thread writer;
        private Thread reader;

        StalledPeer(final InetSocketAddress server, final String host) throws IOException
        {
            this.host = host;
            socket.setReceiveBufferSize(4096);
            socket.connect(server, 10_000);
            socket.setSoTimeout(60_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void capabilitiesExchange() throws IOException
        {
            final ByteBuf buffer = Unpooled.buffer();
            new CapabilitiesExchange(host, "test.example", List.of(new byte[] {127, 0, 0, 1}), 0, "gyro-test", -1,
                List.of((long)VendorId.TGPP), List.of(ApplicationIds.CREDIT_CONTROL), List.of(), List.of(), List.of(),
                -1, -1, null).encodeRequest(new DiameterEncoder().wrap(buffer), 7, 7);
            final byte[] cea = exchange(ByteBufUtil.getBytes(buffer));
            buffer.release();
            assertEquals(ResultCode.SUCCESS, CapabilitiesExchange.decode(Unpooled.wrappedBuffer(cea), 0).resultCode());
        }

        byte[] exchange(final byte[] request) throws IOException
        {
            out.write(request);
            out.flush();
            return readFrame();
        }

        private byte[] readFrame() throws IOException
        {
            final byte[] header = new byte[4];
            in.readFully(header);
            final int length = (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | header[3] & 0xFF;
            final byte[] frame = new byte[length];
            System.arraycopy(header, 0, frame, 0, 4);
            in.readFully(frame, 4, length - 4);
            return frame;
        }

        void startWriting(final java.util.function.IntFunction<byte[]> request, final int count)
        {
            writer = new Thread(() ->
            {
                try
                {
                    for (int i = 1; i <= count; i++)
                    {
                        out.write(request.apply(i));
                    }
                    out.flush();
                }
                catch (final IOException ex)
                {
                    failure.compareAndSet(null, "write: " + ex);
                }
            }, "stalled-peer-writer");
            writer.setDaemon(true);
            writer.start();
        }

        void startReading()
        {
            reader = new Thread(() ->
            {
                try
                {
                    while (true)
                    {
                        final Cca cca = Cca.decode(readFrame());
                        if (ResultCode.SUCCESS == cca.resultCode())
                        {
                            successes.incrementAndGet();
                        }
                        else if (ResultCode.TOO_BUSY == cca.resultCode() && cca.isError())
                        {
                            shed.incrementAndGet();
                        }
                        answers.incrementAndGet();
                    }
                }
                catch (final IOException ex)
                {
                    // Closed at the end of the test.
                }
            }, "stalled-peer-reader");
            reader.setDaemon(true);
            reader.start();
        }

        boolean awaitAnswers(final long count) throws InterruptedException
        {
            return FaultInjectingJournal.await(() -> answers.get() >= count) && joined();
        }

        private boolean joined()
        {
            try
            {
                writer.join(TimeUnit.SECONDS.toMillis(FaultInjectingJournal.AWAIT_SECONDS));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            return !writer.isAlive();
        }

        @Override
        public void close() throws IOException
        {
            socket.close();
        }
    }
}
