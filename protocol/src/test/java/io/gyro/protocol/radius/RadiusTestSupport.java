package io.gyro.protocol.radius;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden-vector loading and buffer bookkeeping shared by the RADIUS tests (and, through the test-jar, by the
 * server, simulator and perf modules).
 */
public final class RadiusTestSupport
{
    /** Shared secret of the RFC 2865 §7 examples. */
    public static final RadiusSecret RFC2865_SECRET = RadiusSecret.ofUtf8("xyzzy5461");
    /** Shared secret of the Wireshark/FreeRADIUS captures and the self-computed accounting vectors. */
    public static final RadiusSecret TESTING123 = RadiusSecret.ofUtf8("testing123");

    private RadiusTestSupport()
    {
    }

    /**
     * Reads {@code golden/<name>.hex} next to this class: {@code #} lines are provenance comments, the rest is hex
     * with any whitespace.
     *
     * @param name file name without {@code .hex}.
     * @return the octets.
     */
    public static byte[] golden(final String name)
    {
        final StringBuilder hex = new StringBuilder();
        for (final String line : goldenLines(name))
        {
            hex.append(line);
        }
        return hex(hex.toString());
    }

    /**
     * Reads a golden file holding one named vector per line: {@code name hex hex ...}.
     *
     * @param name file name without {@code .hex}.
     * @return vectors by name, in file order.
     */
    public static Map<String, byte[]> goldenNamedVectors(final String name)
    {
        final Map<String, byte[]> vectors = new LinkedHashMap<>();
        for (final String line : goldenLines(name))
        {
            final String trimmed = line.trim();
            final int space = trimmed.indexOf(' ');
            vectors.put(trimmed.substring(0, space), hex(trimmed.substring(space)));
        }
        return vectors;
    }

    private static List<String> goldenLines(final String name)
    {
        final String resource = "golden/" + name + ".hex";
        final InputStream stream = RadiusTestSupport.class.getResourceAsStream(resource);
        if (null == stream)
        {
            throw new IllegalArgumentException("no golden vector " + resource);
        }
        final List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                if (!line.startsWith("#") && !line.isBlank())
                {
                    lines.add(line);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return lines;
    }

    /**
     * Decodes hex, ignoring whitespace.
     *
     * @param hex e.g. {@code "01 02 0a"}.
     * @return the octets.
     */
    public static byte[] hex(final String hex)
    {
        return ByteBufUtil.decodeHexDump(hex.replaceAll("\\s", ""));
    }

    /**
     * Hex of a whole array, for assertion messages.
     *
     * @param bytes the octets.
     * @return lowercase hex.
     */
    public static String hex(final byte[] bytes)
    {
        return ByteBufUtil.hexDump(bytes);
    }

    /**
     * The readable bytes of a buffer.
     *
     * @param buffer the buffer (not modified).
     * @return a copy of its readable bytes.
     */
    public static byte[] readable(final ByteBuf buffer)
    {
        return ByteBufUtil.getBytes(buffer, buffer.readerIndex(), buffer.readableBytes());
    }

    /**
     * Allocates buffers whose capacity is exactly their content, so any read past the end throws, and checks at
     * the end that every one was released.
     */
    public static final class TrackedBuffers implements AutoCloseable
    {
        private final List<ByteBuf> buffers = new ArrayList<>();

        /**
         * A heap buffer holding exactly {@code content}.
         *
         * @param content the octets.
         * @return the buffer (readerIndex 0, writerIndex = capacity = length).
         */
        public ByteBuf heap(final byte[] content)
        {
            if (0 == content.length)
            {
                return Unpooled.EMPTY_BUFFER; // a shared singleton: nothing to release
            }
            return track(Unpooled.buffer(content.length, content.length).writeBytes(content));
        }

        /**
         * A direct buffer holding exactly {@code content} (exercises the copy path of non-array buffers).
         *
         * @param content the octets.
         * @return the buffer.
         */
        public ByteBuf direct(final byte[] content)
        {
            if (0 == content.length)
            {
                return Unpooled.EMPTY_BUFFER;
            }
            return track(Unpooled.directBuffer(content.length, content.length).writeBytes(content));
        }

        /**
         * A heap buffer outside Netty's leak detector. At {@code paranoid} level every access to a tracked buffer
         * records a stack trace, which would swamp allocation measurements; use this only where a test measures
         * allocation (it is still released by {@link #close()}).
         *
         * @param content  the octets.
         * @param capacity total capacity (at least {@code content.length}).
         * @return the buffer.
         */
        public ByteBuf untrackedHeap(final byte[] content, final int capacity)
        {
            return track(new UnpooledHeapByteBuf(UnpooledByteBufAllocator.DEFAULT, capacity, capacity).writeBytes(content));
        }

        /**
         * A direct buffer outside Netty's leak detector (see {@link #untrackedHeap(byte[], int)}).
         *
         * @param content the octets.
         * @return the buffer.
         */
        public ByteBuf untrackedDirect(final byte[] content)
        {
            return track(new UnpooledDirectByteBuf(UnpooledByteBufAllocator.DEFAULT, content.length, content.length)
                .writeBytes(content));
        }

        /**
         * An empty growable buffer for encoders.
         *
         * @return the buffer.
         */
        public ByteBuf empty()
        {
            return track(Unpooled.buffer(64));
        }

        /**
         * Starts tracking a buffer allocated elsewhere.
         *
         * @param buffer the buffer.
         * @return the buffer.
         */
        public ByteBuf track(final ByteBuf buffer)
        {
            buffers.add(buffer);
            return buffer;
        }

        /**
         * Releases every tracked buffer and asserts none is still referenced.
         */
        @Override
        public void close()
        {
            for (final ByteBuf buffer : buffers)
            {
                buffer.release();
                assertEquals(0, buffer.refCnt(), "buffer still referenced after release");
            }
            buffers.clear();
        }
    }
}
