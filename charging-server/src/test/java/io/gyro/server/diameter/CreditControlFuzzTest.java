package io.gyro.server.diameter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gyro.config.model.DemoAccount;
import io.gyro.config.model.DemoConfiguration;
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
 * released; the first demo account still balances. After all inputs the conservation invariant holds for every
 * demo account.
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

    @BeforeAll
    static void start() throws Exception
    {
        dataDir = Files.createTempDirectory("gyro-ccr-fuzz");
        server = TestServer.aServer(dataDir).with("diameter.max-message-length=" + MAX_MESSAGE_LENGTH).start();
        lane = server.server().diameter().lanes().get(0);
        cer = capabilitiesExchange(List.of());
    }

    @AfterAll
    static void stop() throws IOException
    {
        try
        {
            if (null != server)
            {
                Invariants.assertCountersConsistent(server, demoMsisdns());
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
