package io.gyro.server.diameter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gyro.config.model.DemoAccount;
import io.gyro.config.model.DemoConfiguration;
import io.gyro.ledger.AccountView;
import io.gyro.protocol.diameter.AvpReadError;
import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterFrameDecoder;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.base.DeviceWatchdog;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.RequestedAction;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.gyro.protocol.test.GoldenVectors;
import io.gyro.server.test.BundledTariffs;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.Invariants;
import io.gyro.server.test.TestServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Coverage-guided fuzzing (Jazzer) of the server's Diameter request path: arbitrary bytes from a peer go through
 * the real {@link DiameterLane} (frame decoder, peer state machine, validation, routing checks, duplicate cache,
 * ring, ledger thread, journal, reply drain, CCA encoding) of an in-process server with a real ledger. The
 * connection is an {@link EmbeddedChannel} driven on the lane's own event loop, so no socket sits between the
 * fuzzer and the lane and every answer is read back directly.
 * <p>
 * A stream that starts with a CER request is delivered from the first byte (the capabilities exchange is fuzzed
 * too); any other stream follows a valid CER sent on the peer's behalf. Oracles, per input: no exception reaches
 * the connection ({@link DiameterCounters#connectionErrors}); every request gets exactly one well-formed answer
 * with its Hop-by-Hop Identifier while the connection is open, and the server closes it only for damaged framing, a
 * refused CER or the peer's DPA; nothing stays in flight; every buffer the lane took from the channel's allocator is
 * released; the first demo account's counters agree, and its money moved only as the requests and answers allow
 * ({@link #checkMoney}), exactly as priced by the test for the seeds. After all inputs every demo account's counters
 * agree and, unless a refund may have been answered, every demo subscriber is still credited as opened.
 * <p>
 * Without {@code JAZZER_FUZZ} this replays {@code CreditControlFuzzTestInputs/} (seeds from {@link #seeds()} and
 * every crash found so far); the build's {@code fuzz-ccr} execution fuzzes it for a bounded time.
 */
class CreditControlFuzzTest
{
    /** The configured minimum of diameter.max-message-length, so that an over-long message is cheap to reach. */
    private static final int MAX_MESSAGE_LENGTH = 4_096;
    /**
     * Far above any answer time even on a shared machine at a load of 15 (answers take microseconds); reaching it
     * means a request was never answered.
     */
    private static final long ANSWER_DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);
    private static final String PEER = "pgw-fuzz.test.example";
    private static final String MSISDN = "491700000001";
    private static final String INPUTS = "CreditControlFuzzTestInputs/shouldAnswerEveryRequestOnceAndConserveMoney/";
    private static final InetSocketAddress PEER_ADDRESS = new InetSocketAddress("127.0.0.1", 40_001);
    private static final InetSocketAddress LOCAL_ADDRESS = new InetSocketAddress("127.0.0.1", 3868);

    /** Counts every byte the lane allocates through the fuzzed channel until it is released. */
    private static final UnpooledByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(true, true);
    private static Path dataDir;
    private static TestServer server;
    private static DiameterLane lane;
    private static byte[] cer;
    /**
     * The exact charge to {@link #MSISDN} of each seed not yet run, priced by the test (see
     * {@link #expectedSeedCharges()}).
     */
    private static Map<String, Long> seedCharges;
    /** Whether any input may have refunded an account (a CCR-E REFUND_ACCOUNT answered 2001 or not answered). */
    private static boolean mayHaveRefunded;

    @BeforeAll
    static void start() throws Exception
    {
        dataDir = Files.createTempDirectory("gyro-ccr-fuzz");
        server = TestServer.aServer(dataDir).with("diameter.max-message-length=" + MAX_MESSAGE_LENGTH).start();
        lane = server.server().diameter().lanes().get(0);
        cer = capabilitiesExchange(List.of());
        seedCharges = new HashMap<>();
        final Map<String, Long> charges = expectedSeedCharges();
        for (final Map.Entry<String, byte[]> seed : seeds().entrySet())
        {
            seedCharges.put(HexFormat.of().formatHex(seed.getValue()), charges.get(seed.getKey()));
        }
    }

    @AfterAll
    static void stop() throws IOException
    {
        try
        {
            if (null != server)
            {
                Invariants.assertCountersConsistent(server, demoMsisdns());
                if (!mayHaveRefunded)
                {
                    // Nothing a peer sends over Gy can top up: whatever account the inputs reached, credited is
                    // still what the demo configuration opened it with.
                    assertDemoAccountsCreditedAsOpened();
                }
            }
        }
        finally
        {
            if (null != server)
            {
                server.close();
            }
            if (null != dataDir)
            {
                try (Stream<Path> files = Files.walk(dataDir))
                {
                    for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
                    {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void shouldAnswerEveryRequestOnceAndConserveMoney(final byte[] stream) throws Exception
    {
        final DiameterCounters counters = lane.counters();
        final long connectionErrors = counters.connectionErrors;
        final long framingErrors = counters.framingErrors;
        final boolean fromFirstByte = startsWithCapabilitiesExchange(stream);
        final AccountView before = server.account(MSISDN);

        final FuzzChannel channel = onLane(() ->
        {
            final FuzzChannel open = new FuzzChannel(new DiameterFrameDecoder(MAX_MESSAGE_LENGTH), lane.newConnection());
            open.config().setAllocator(ALLOCATOR);
            open.register();
            return open;
        });
        try
        {
            if (!fromFirstByte)
            {
                final List<byte[]> cea = exchange(channel, cer);
                assertEquals(1, cea.size(), "one CEA");
                assertEquals(ResultCode.SUCCESS, resultCode(cea.get(0)), "the peer is accepted");
            }
            final List<byte[]> answers = exchange(channel, stream);
            final boolean open = onLane(channel::isActive);
            checkAnswers(stream, answers, open, fromFirstByte, counters.framingErrors > framingErrors);
            checkMoney(stream, answers, before, server.account(MSISDN));
        }
        finally
        {
            onLane(() ->
            {
                channel.close();
                channel.finishAndReleaseAll();
                return null;
            });
        }
        assertEquals(connectionErrors, counters.connectionErrors, "no exception reached the connection");
        assertEquals(0, lane.pendingCount(), "nothing left in flight");
        assertEquals(0, ALLOCATOR.metric().usedHeapMemory() + ALLOCATOR.metric().usedDirectMemory(),
            "every buffer the lane allocated was released");
        Invariants.assertCountersConsistent(server, MSISDN);
    }

    /** Deliver bytes in two reads (frames may straddle them), wait until the ledger answered all, read the answers. */
    private static List<byte[]> exchange(final FuzzChannel channel, final byte[] bytes) throws Exception
    {
        final int split = bytes.length / 2;
        onLane(() ->
        {
            channel.writeInbound(ALLOCATOR.heapBuffer(split).writeBytes(bytes, 0, split));
            if (channel.isOpen())
            {
                // A closed socket reads nothing more.
                channel.writeInbound(ALLOCATOR.heapBuffer(bytes.length - split).writeBytes(bytes, split,
                    bytes.length - split));
            }
            return null;
        });
        final long deadline = System.nanoTime() + ANSWER_DEADLINE_NS;
        while (onLane(lane::pendingCount) > 0)
        {
            assertTrue(System.nanoTime() < deadline, "the ledger answered every request in flight");
            LockSupport.parkNanos(20_000);
        }
        return onLane(() ->
        {
            channel.runPendingTasks();
            final List<byte[]> answers = new ArrayList<>();
            Object message;
            while (null != (message = channel.readOutbound()))
            {
                final ByteBuf answer = (ByteBuf)message;
                if (answer.isReadable())
                {
                    answers.add(ByteBufUtil.getBytes(answer)); // the empty flush before a close carries nothing
                }
                answer.release();
            }
            return answers;
        });
    }

    private static void checkAnswers(
        final byte[] stream,
        final List<byte[]> answers,
        final boolean open,
        final boolean fromFirstByte,
        final boolean framingError)
    {
        // The requests the frame decoder can cut from the stream, by Hop-by-Hop Identifier.
        final Map<Integer, Integer> requests = new HashMap<>();
        boolean peerSentDpa = false;
        boolean firstCerRefused = false;
        int position = 0;
        boolean first = true;
        while (stream.length - position >= 20)
        {
            final int length = (stream[position + 1] & 0xFF) << 16 | (stream[position + 2] & 0xFF) << 8 |
                (stream[position + 3] & 0xFF);
            if (1 != stream[position] || length < 20 || (length & 3) != 0 || length > MAX_MESSAGE_LENGTH)
            {
                // Damaged framing: a request's header is still answered (5015 or 5011) before the close.
                if ((stream[position + 4] & 0x80) != 0)
                {
                    requests.merge(Unpooled.wrappedBuffer(stream, position, 20).getInt(12), 1, Integer::sum);
                }
                break;
            }
            if (stream.length - position < length)
            {
                break;
            }
            final ByteBuf frame = Unpooled.wrappedBuffer(stream, position, length);
            final boolean request = (frame.getByte(4) & 0x80) != 0;
            final int commandCode = frame.getUnsignedMedium(5);
            if (request)
            {
                requests.merge(frame.getInt(12), 1, Integer::sum);
            }
            else if (CommandCode.DISCONNECT_PEER == commandCode)
            {
                peerSentDpa = true;
            }
            if (first && fromFirstByte)
            {
                firstCerRefused = answers.isEmpty() || ResultCode.SUCCESS != resultCode(answers.get(0));
            }
            first = false;
            position += length;
        }

        final Map<Integer, Integer> answered = new LinkedHashMap<>();
        for (final byte[] answer : answers)
        {
            checkWellFormedAnswer(answer);
            answered.merge(Unpooled.wrappedBuffer(answer).getInt(12), 1, Integer::sum);
        }
        for (final Map.Entry<Integer, Integer> entry : answered.entrySet())
        {
            assertTrue(entry.getValue() <= requests.getOrDefault(entry.getKey(), 0),
                "an answer for a request that was not sent, or answered twice: Hop-by-Hop " + entry.getKey());
        }
        if (open)
        {
            assertEquals(requests, answered, "every request answered exactly once while the connection is open");
        }
        else
        {
            assertTrue(framingError || peerSentDpa || firstCerRefused,
                "the server closes only for damaged framing, a refused CER or the peer's DPA");
        }
    }

    /**
     * The money oracle, per input, for {@link #MSISDN} (the subscriber of every seed, so of most mutations), from
     * what the test sent and what it was answered, not from the ledger's counters:
     * <ul>
     * <li>credited changes only if a CCR-E that may be a REFUND_ACCOUNT was answered 2001 or not answered (a Gy
     * peer cannot top up otherwise);</li>
     * <li>consumed changes only if a CCR-U, CCR-T or CCR-E may have been charged: answered 2001, answered with a
     * transient failure (RFC 4006 §7: an update not successfully processed still debits the used units), answered
     * 5002 (a released session's tombstone still charges late usage), or not answered at all (the connection
     * closed). A charge on a request refused at the protocol level or by validation, or on a CCR-I, fails here;</li>
     * <li>for the seeds, the exact charge the test priced for them.</li>
     * </ul>
     * Requests the test cannot classify from their bytes count as possibly charging, so the oracle never blames the
     * server for the fuzzer's ambiguity.
     */
    private static void checkMoney(final byte[] stream, final List<byte[]> answers, final AccountView before,
        final AccountView after)
    {
        final Map<Integer, List<Long>> resultCodes = new HashMap<>();
        for (final byte[] answer : answers)
        {
            resultCodes.computeIfAbsent(Unpooled.wrappedBuffer(answer).getInt(12), key -> new ArrayList<>())
                .add(resultCode(answer));
        }
        boolean mayCharge = false;
        boolean mayRefund = false;
        for (final CreditControlRequest request : creditControlRequests(stream))
        {
            final List<Long> codes = resultCodes.getOrDefault(request.hopByHop, List.of());
            if (request.mayCharge && (codes.isEmpty() || codes.stream().anyMatch(CreditControlFuzzTest::mayDebit)))
            {
                mayCharge = true;
            }
            if (request.mayRefund && (codes.isEmpty() || codes.contains((long)ResultCode.SUCCESS)))
            {
                mayRefund = true;
            }
        }
        mayHaveRefunded |= mayRefund;
        if (!mayRefund)
        {
            assertEquals(before.creditedMinor(), after.creditedMinor(), "nothing credited " + MSISDN);
        }
        if (!mayCharge)
        {
            assertEquals(before.consumedMinor(), after.consumedMinor(), "nothing charged to " + MSISDN);
        }
        // Only a seed's first run: run again (fuzzing replays and re-finds inputs), its Session-Ids are known and
        // the ledger answers the repeats from what it recorded, charging nothing.
        final Long seedCharge = seedCharges.remove(HexFormat.of().formatHex(stream));
        if (null != seedCharge)
        {
            assertEquals(seedCharge.longValue(), after.consumedMinor() - before.consumedMinor(),
                "the seed's exact charge to " + MSISDN);
            assertEquals(seedCharge.longValue(), before.balanceMinor() - after.balanceMinor(),
                "the seed's exact debit from " + MSISDN);
        }
    }

    /** Answered with a Result-Code after which the ledger may have committed the request's usage. */
    private static boolean mayDebit(final long resultCode)
    {
        return ResultCode.SUCCESS == resultCode || ResultCode.UNKNOWN_SESSION_ID == resultCode ||
            (resultCode >= 4000 && resultCode < 5000);
    }

    /** A CCR cut from the stream the way the frame decoder cuts it, and what it may do to money. */
    private record CreditControlRequest(int hopByHop, boolean mayCharge, boolean mayRefund)
    {
    }

    private static List<CreditControlRequest> creditControlRequests(final byte[] stream)
    {
        final List<CreditControlRequest> requests = new ArrayList<>();
        int position = 0;
        while (stream.length - position >= 20)
        {
            final int length = (stream[position + 1] & 0xFF) << 16 | (stream[position + 2] & 0xFF) << 8 |
                (stream[position + 3] & 0xFF);
            if (1 != stream[position] || length < 20 || (length & 3) != 0 || length > MAX_MESSAGE_LENGTH ||
                stream.length - position < length)
            {
                break; // damaged framing: the rest is never decoded
            }
            final ByteBuf frame = Unpooled.wrappedBuffer(stream, position, length);
            if ((frame.getByte(4) & 0x80) != 0 && CommandCode.CREDIT_CONTROL == frame.getUnsignedMedium(5))
            {
                requests.add(classify(frame.slice()));
            }
            position += length;
        }
        return requests;
    }

    /**
     * A CCR may charge unless every CC-Request-Type in it says INITIAL (1), and may refund if some CC-Request-Type
     * says EVENT (4) and some Requested-Action says REFUND_ACCOUNT; any doubt (damaged AVPs, no type) counts as
     * "may".
     */
    private static CreditControlRequest classify(final ByteBuf frame)
    {
        final int hopByHop = frame.getInt(12);
        try
        {
            boolean anyType = false;
            boolean onlyInitial = true;
            boolean event = false;
            boolean refund = false;
            final AvpReader reader = new AvpReader().wrapMessage(frame, 0);
            while (reader.next())
            {
                if (0 != reader.vendorId())
                {
                    continue;
                }
                if (AvpCode.CC_REQUEST_TYPE == reader.code())
                {
                    final long type = reader.uint32();
                    anyType = true;
                    onlyInitial &= 1 == type;
                    event |= 4 == type;
                }
                else if (AvpCode.REQUESTED_ACTION == reader.code())
                {
                    refund |= RequestedAction.REFUND_ACCOUNT == reader.uint32();
                }
            }
            if (AvpReadError.NONE != reader.error() || !anyType)
            {
                return new CreditControlRequest(hopByHop, true, true);
            }
            return new CreditControlRequest(hopByHop, !onlyInitial, event && refund);
        }
        catch (final RuntimeException ex)
        {
            return new CreditControlRequest(hopByHop, true, true);
        }
    }

    private static void assertDemoAccountsCreditedAsOpened()
    {
        final DemoConfiguration demo = server.server().configuration().demo();
        for (int i = 0; i < demo.subscribers().count(); i++)
        {
            final String msisdn = Long.toString(demo.subscribers().msisdnStart() + i);
            final AccountView account = server.account(msisdn);
            assertEquals(BundledTariffs.DEMO_OPENING_MINOR, account.creditedMinor() - account.creditLimitMinor(),
                "credited as opened: " + msisdn);
        }
    }

    private static void checkWellFormedAnswer(final byte[] answer)
    {
        final ByteBuf buffer = Unpooled.wrappedBuffer(answer);
        assertTrue(answer.length >= 20);
        assertEquals(1, buffer.getUnsignedByte(0));
        assertEquals(answer.length, buffer.getUnsignedMedium(1), "Message Length is the answer's length");
        assertEquals(0, answer.length & 3);
        assertEquals(0, buffer.getByte(4) & 0x80, "the server sends only answers here");
        final AvpReader reader = new AvpReader().wrapMessage(buffer, 0);
        boolean hasResultCode = false;
        while (reader.next())
        {
            hasResultCode |= AvpCode.RESULT_CODE == reader.code() && 0 == reader.vendorId();
        }
        assertEquals(AvpReadError.NONE, reader.error(), "the answer's AVPs are well formed");
        assertTrue(hasResultCode, "every answer carries a Result-Code");
    }

    private static long resultCode(final byte[] answer)
    {
        final AvpReader reader = new AvpReader().wrapMessage(Unpooled.wrappedBuffer(answer), 0);
        return reader.find(AvpCode.RESULT_CODE, 0) ? reader.uint32() : -1;
    }

    private static boolean startsWithCapabilitiesExchange(final byte[] stream)
    {
        return stream.length >= 20 && (stream[4] & 0x80) != 0 &&
            CommandCode.CAPABILITIES_EXCHANGE == Unpooled.wrappedBuffer(stream).getUnsignedMedium(5);
    }

    private static <T> T onLane(final Callable<T> task) throws Exception
    {
        try
        {
            return lane.eventLoop().submit(task).get(ANSWER_DEADLINE_NS, TimeUnit.NANOSECONDS);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof Error error)
            {
                throw error;
            }
            throw (Exception)ex.getCause();
        }
    }

    private static String[] demoMsisdns()
    {
        final DemoConfiguration demo = server.server().configuration().demo();
        final List<String> msisdns = new ArrayList<>();
        for (int i = 0; i < demo.subscribers().count(); i++)
        {
            msisdns.add(Long.toString(demo.subscribers().msisdnStart() + i));
        }
        for (final DemoAccount account : demo.accounts())
        {
            msisdns.add(account.msisdn());
        }
        return msisdns.toArray(String[]::new);
    }

    /** A channel with loopback socket addresses, as the peer allow-list and the CEA's Host-IP-Address need. */
    private static final class FuzzChannel extends EmbeddedChannel
    {
        FuzzChannel(final ChannelHandler... handlers)
        {
            super(false, false, handlers);
        }

        @Override
        protected SocketAddress localAddress0()
        {
            return isActive() ? LOCAL_ADDRESS : null;
        }

        @Override
        protected SocketAddress remoteAddress0()
        {
            return isActive() ? PEER_ADDRESS : null;
        }
    }

    // ------------------------------------------------------------------ seed corpus

    private static byte[] capabilitiesExchange(final List<Long> inbandSecurityIds)
    {
        final ByteBuf out = Unpooled.buffer();
        new CapabilitiesExchange(PEER, "test.example", List.of(new byte[] {127, 0, 0, 1}), 0, "gyro-fuzz", 7,
            List.of((long)VendorId.TGPP), List.of(ApplicationIds.CREDIT_CONTROL), List.of(), List.of(),
            inbandSecurityIds, -1, -1, null).encodeRequest(new DiameterEncoder().wrap(out), 1, 1);
        return ByteBufUtil.getBytes(out);
    }

    private static byte[] concat(final byte[]... messages)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] message : messages)
        {
            out.writeBytes(message);
        }
        return out.toByteArray();
    }

    /**
     * The seed corpus: whole conversations a PGW has with Gyro, plus the protocol module's golden CCRs and a few
     * hostile shapes. Kept as files in {@link #INPUTS} (Jazzer reads only files); {@link #shouldKeepTheSeeds}
     * proves the files are these bytes, and {@code -Dgyro.fuzz.write-seeds=true} rewrites them.
     *
     * @return seeds by file name.
     */
    static Map<String, byte[]> seeds()
    {
        final DiameterTestClient peer = new DiameterTestClient(PEER);
        try
        {
            final Map<String, byte[]> seeds = new LinkedHashMap<>();
            seeds.put("session-initial-update-termination", concat(
                Ccr.initial("pgw-fuzz;1;1").msisdn(MSISDN).mscc(10).bytes(peer, 11, 101),
                Ccr.update("pgw-fuzz;1;1", 1).msisdn(MSISDN).usedOctets(10, 1 << 20).bytes(peer, 12, 102),
                Ccr.terminate("pgw-fuzz;1;1", 2).msisdn(MSISDN).finalOctets(10, 1 << 19).bytes(peer, 13, 103)));
            seeds.put("event-direct-debit", Ccr.event("pgw-fuzz;2", RequestedAction.DIRECT_DEBITING).msisdn(MSISDN)
                .mscc(10, new ServiceUnits().serviceSpecificUnits(1), null).bytes(peer, 21, 201));
            seeds.put("command-level-units", Ccr.initial("pgw-fuzz;3").msisdn(MSISDN)
                .commandLevel(new ServiceUnits().markPresent(), null).bytes(peer, 31, 301));
            seeds.put("unknown-subscriber-and-wrong-realm", concat(
                Ccr.initial("pgw-fuzz;4").msisdn("499999999999").mscc(10).bytes(peer, 41, 401),
                Ccr.initial("pgw-fuzz;5").msisdn(MSISDN).mscc(10).destinationRealm("elsewhere").bytes(peer, 42, 402)));
            seeds.put("cer-then-ccr", concat(capabilitiesExchange(List.of()),
                Ccr.initial("pgw-fuzz;6").msisdn(MSISDN).mscc(10).bytes(peer, 61, 601)));
            // A peer accepting plain or TLS where no TLS is configured: closed the connection before 75c13b9.
            seeds.put("cer-either-inband-security", capabilitiesExchange(List.of(0L, 1L)));
            final ByteBuf watchdogAndDisconnect = Unpooled.buffer();
            new DeviceWatchdog(PEER, "test.example", -1, -1)
                .encodeRequest(new DiameterEncoder().wrap(watchdogAndDisconnect), 71, 701);
            new DisconnectPeer(PEER, "test.example", 0, -1)
                .encodeRequest(new DiameterEncoder().wrap(watchdogAndDisconnect), 72, 702);
            seeds.put("watchdog-then-disconnect", ByteBufUtil.getBytes(watchdogAndDisconnect));
            seeds.put("golden-ccr-u-handmade",
                GoldenVectors.load(DiameterFrameDecoder.class, "golden/ccr-u-handmade.hex"));
            seeds.put("golden-ccr-i-go-diameter-nonzero-padding",
                GoldenVectors.load(DiameterFrameDecoder.class, "golden/ccr-i-go-diameter-nonzero-padding.hex"));
            // A header announcing 1 MiB: refused from the header alone (5015 answer, then close).
            seeds.put("oversized-header", new byte[] {1, 0x10, 0, 0, (byte)0x80, 0, 1, 0x10, 0, 0, 0, 4,
                0, 0, 0, 81, 0, 0, 3, 33});
            seeds.put("deep-grouped-nesting", deepNesting(Ccr.initial("pgw-fuzz;9").msisdn(MSISDN)
                .bytes(peer, 91, 901), 64));
            return seeds;
        }
        finally
        {
            peer.close();
        }
    }

    /** A CCR with {@code depth} MSCCs nested inside one another appended: refused by the validator's depth limit. */
    private static byte[] deepNesting(final byte[] ccr, final int depth)
    {
        final int avpHeader = 8;
        final int length = ccr.length + depth * avpHeader;
        final ByteBuf out = Unpooled.buffer(length);
        out.writeBytes(ccr);
        for (int i = 0; i < depth; i++)
        {
            out.writeInt(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL);
            out.writeInt(0x4000_0000 | (depth - i) * avpHeader);
        }
        out.setMedium(1, length);
        return ByteBufUtil.getBytes(out);
    }

    /**
     * What each seed charges {@link #MSISDN}, priced by the test from the bundled data tariff (0.0100 per started
     * MiB). The session seed reports 1 MiB, then 0.5 MiB, rounded up once over the session (2 MiB). The direct
     * debit names data (rating group 10) with only service-specific units: a one-time event's RSU in units the tariff
     * does not count cannot be rated (5031, DiameterLane.units), so it charges nothing, like every other seed (they
     * open sessions or are refused).
     */
    private static Map<String, Long> expectedSeedCharges()
    {
        final Map<String, Long> charges = new HashMap<>();
        for (final String name : seeds().keySet())
        {
            charges.put(name, 0L);
        }
        charges.put("session-initial-update-termination", BundledTariffs.dataChargeMinor((1 << 20) + (1 << 19)));
        return charges;
    }

    @Test
    void shouldKeepTheSeeds() throws Exception
    {
        final Map<String, byte[]> seeds = seeds();
        if (Boolean.getBoolean("gyro.fuzz.write-seeds"))
        {
            final Path directory = Path.of("src/test/resources/io/gyro/server/diameter").resolve(INPUTS);
            Files.createDirectories(directory);
            for (final Map.Entry<String, byte[]> seed : seeds.entrySet())
            {
                Files.write(directory.resolve(seed.getKey()), seed.getValue());
            }
        }
        for (final Map.Entry<String, byte[]> seed : seeds.entrySet())
        {
            try (InputStream in = CreditControlFuzzTest.class.getResourceAsStream(INPUTS + seed.getKey()))
            {
                assertNotNull(in, "seed file " + seed.getKey() + " (write with -Dgyro.fuzz.write-seeds=true)");
                assertArrayEquals(seed.getValue(), in.readAllBytes(), seed.getKey());
            }
        }
    }
}
