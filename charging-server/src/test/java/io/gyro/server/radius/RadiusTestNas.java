package io.gyro.server.radius;

import io.gyro.protocol.radius.RadiusAttributeIterator;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusAuthenticators;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.protocol.radius.RadiusMessageAuthenticatorStatus;
import io.gyro.protocol.radius.RadiusPacketDescriptor;
import io.gyro.protocol.radius.RadiusPacketEncoder;
import io.gyro.protocol.radius.RadiusPacketFlyweight;
import io.gyro.protocol.radius.RadiusSecret;
import io.gyro.protocol.radius.RadiusVendorAttributeIterator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A NAS for tests, over loopback UDP: builds Access- and Accounting-Requests with the protocol encoder, sends
 * them, and checks every response's Response Authenticator and Message-Authenticator against the shared secret.
 * A second socket plays the NAS's CoA port: it receives Disconnect/CoA-Requests, checks their Request
 * Authenticator and Message-Authenticator, and answers ACK or NAK. Blocking sockets with a receive timeout: a
 * wait for a packet, never a timed assertion.
 */
final class RadiusTestNas implements AutoCloseable
{
    static final String SECRET = "testing123";
    static final int NAS_IP = 0x7F00_0001;
    /** Long enough for a loaded CI machine; a test normally waits microseconds. */
    private static final int RECEIVE_TIMEOUT_MS = 10_000;

    private final DatagramSocket socket;
    private final DatagramSocket coaSocket;
    private final RadiusSecret secret;
    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketEncoder encoder = new RadiusPacketEncoder(authenticators);
    private final SecureRandom random = new SecureRandom();
    private int nextIdentifier;

    RadiusTestNas() throws IOException
    {
        this(SECRET);
    }

    RadiusTestNas(final String secret) throws IOException
    {
        this(secret, InetAddress.getLoopbackAddress());
    }

    /**
     * @param secret  the shared secret.
     * @param address where the NAS sends from, e.g. 127.0.0.2 to play a second NAS (Linux routes all of
     *                127.0.0.0/8 to the loopback interface).
     * @throws IOException when a socket cannot be bound.
     */
    RadiusTestNas(final String secret, final InetAddress address) throws IOException
    {
        this.secret = RadiusSecret.ofUtf8(secret);
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
        socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
        coaSocket = new DatagramSocket(new InetSocketAddress(address, 0));
        coaSocket.setSoTimeout(RECEIVE_TIMEOUT_MS);
    }

    /** @return where this NAS sends requests from and receives their responses. */
    InetSocketAddress address()
    {
        return (InetSocketAddress)socket.getLocalSocketAddress();
    }

    /** @return the port this NAS receives Disconnect/CoA-Requests on. */
    int coaPort()
    {
        return coaSocket.getLocalPort();
    }

    // ------------------------------------------------------------------ building requests

    /** A request under construction. */
    final class Request
    {
        final int code;
        int identifier = nextIdentifier++ & 0xFF;
        final byte[] authenticator = new byte[16];
        private final List<Consumer<RadiusPacketEncoder>> attributes = new ArrayList<>();
        private boolean messageAuthenticator;
        private byte[] password;
        private byte[] chapPassword;

        Request(final int code)
        {
            this.code = code;
            random.nextBytes(authenticator);
        }

        Request string(final int type, final String value)
        {
            attributes.add(e -> e.putString(type, value));
            return this;
        }

        Request bytes(final int type, final byte[] value)
        {
            attributes.add(e -> e.putBytes(type, value, 0, value.length));
            return this;
        }

        Request integer(final int type, final long value)
        {
            attributes.add(e -> e.putInt(type, (int)value));
            return this;
        }

        Request vendorString(final int vendorId, final int vendorType, final String value)
        {
            attributes.add(e -> e.beginVendorSpecific(vendorId).putVendorString(vendorType, value).endVendorSpecific());
            return this;
        }

        Request messageAuthenticator()
        {
            messageAuthenticator = true;
            return this;
        }

        Request pap(final String plaintext)
        {
            password = plaintext.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** CHAP with the Request Authenticator as the challenge (RFC 2865 §2.2). */
        Request chap(final String plaintext)
        {
            final byte chapId = 7;
            final MessageDigest md5 = md5();
            md5.update(chapId);
            md5.update(plaintext.getBytes(StandardCharsets.UTF_8));
            md5.update(authenticator);
            chapPassword = new byte[17];
            chapPassword[0] = chapId;
            System.arraycopy(md5.digest(), 0, chapPassword, 1, 16);
            return this;
        }

        Request octets(final long input, final long output)
        {
            integer(RadiusAttributeType.ACCT_INPUT_OCTETS, input & 0xFFFF_FFFFL);
            integer(RadiusAttributeType.ACCT_INPUT_GIGAWORDS, input >>> 32);
            integer(RadiusAttributeType.ACCT_OUTPUT_OCTETS, output & 0xFFFF_FFFFL);
            return integer(RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS, output >>> 32);
        }

        byte[] encode()
        {
            final ByteBuf buffer = Unpooled.buffer(256);
            try
            {
                if (RadiusCode.hasRandomRequestAuthenticator(code))
                {
                    encoder.start(buffer, code, identifier, authenticator, 0);
                }
                else
                {
                    encoder.start(buffer, code, identifier);
                }
                if (messageAuthenticator)
                {
                    encoder.putMessageAuthenticator();
                }
                if (null != password)
                {
                    encoder.putUserPassword(password, 0, password.length, secret);
                }
                if (null != chapPassword)
                {
                    encoder.putBytes(RadiusAttributeType.CHAP_PASSWORD, chapPassword, 0, chapPassword.length);
                }
                for (final Consumer<RadiusPacketEncoder> attribute : attributes)
                {
                    attribute.accept(encoder);
                }
                encoder.finishRequest(secret);
                final byte[] packet = ByteBufUtil.getBytes(buffer);
                System.arraycopy(packet, RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, authenticator, 0, 16);
                return packet;
            }
            finally
            {
                buffer.release();
            }
        }
    }

    Request access(final String userName)
    {
        final Request request = new Request(RadiusCode.ACCESS_REQUEST);
        if (null != userName)
        {
            request.string(RadiusAttributeType.USER_NAME, userName);
        }
        return request.integer(RadiusAttributeType.NAS_IP_ADDRESS, NAS_IP);
    }

    Request accounting(final int statusType, final String acctSessionId, final String userName)
    {
        final Request request = new Request(RadiusCode.ACCOUNTING_REQUEST)
            .integer(RadiusAttributeType.ACCT_STATUS_TYPE, statusType)
            .integer(RadiusAttributeType.NAS_IP_ADDRESS, NAS_IP);
        if (null != acctSessionId)
        {
            request.string(RadiusAttributeType.ACCT_SESSION_ID, acctSessionId);
        }
        if (null != userName)
        {
            request.string(RadiusAttributeType.USER_NAME, userName);
        }
        return request;
    }

    // ------------------------------------------------------------------ exchanging

    void send(final byte[] packet, final InetSocketAddress to) throws IOException
    {
        socket.send(new DatagramPacket(packet, packet.length, to));
    }

    /**
     * Send and wait for the response, checking that it answers this request and is authentic.
     *
     * @param request the request.
     * @param to      the server's socket.
     * @return the response.
     * @throws IOException on a socket error or timeout.
     */
    Response exchange(final Request request, final InetSocketAddress to) throws IOException
    {
        final byte[] packet = request.encode();
        send(packet, to);
        return receiveFor(request);
    }

    /**
     * Wait for the response to a request already sent (responses to other requests are skipped).
     *
     * @param request the request.
     * @return the response.
     * @throws IOException on a socket error or timeout.
     */
    Response receiveFor(final Request request) throws IOException
    {
        while (true)
        {
            final Response response = receive();
            if (response.identifier() == request.identifier)
            {
                assertTrue(response.authenticFor(request.authenticator), "response authenticator");
                return response;
            }
        }
    }

    Response receive() throws IOException
    {
        final byte[] buffer = new byte[RadiusPacketDescriptor.MAX_PACKET_LENGTH];
        final DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        socket.receive(datagram);
        final byte[] packet = new byte[datagram.getLength()];
        System.arraycopy(buffer, 0, packet, 0, packet.length);
        return new Response(packet);
    }

    /** A received packet, readable through the protocol flyweight. */
    final class Response
    {
        final byte[] bytes;

        Response(final byte[] bytes)
        {
            this.bytes = bytes;
        }

        int code()
        {
            return bytes[0] & 0xFF;
        }

        int identifier()
        {
            return bytes[1] & 0xFF;
        }

        /** @return the first value of the attribute as text, or null. */
        String string(final int type)
        {
            final ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
            final RadiusAttributeIterator iterator = new RadiusAttributeIterator();
            return new RadiusPacketFlyweight().wrap(buffer).findFirst(type, iterator) ? iterator.stringValue() : null;
        }

        /** @return the first value of a four-octet attribute, or -1. */
        long integer(final int type)
        {
            return new RadiusPacketFlyweight().wrap(Unpooled.wrappedBuffer(bytes)).unsignedInt(type, -1);
        }

        /** @return the first four-octet value of a vendor sub-attribute, or -1. */
        long vendorInteger(final int vendorId, final int vendorType)
        {
            final ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
            final RadiusAttributeIterator iterator = new RadiusPacketFlyweight().wrap(buffer)
                .attributes(new RadiusAttributeIterator());
            final RadiusVendorAttributeIterator vendor = new RadiusVendorAttributeIterator();
            while (iterator.next())
            {
                if (iterator.vendorId() == vendorId)
                {
                    vendor.reset(iterator);
                    while (vendor.next())
                    {
                        if (vendor.vendorType() == vendorType && vendor.hasIntValue())
                        {
                            return vendor.unsignedIntValue();
                        }
                    }
                }
            }
            return -1;
        }

        /** @return attribute types in order. */
        List<Integer> attributeTypes()
        {
            final RadiusAttributeIterator iterator = new RadiusPacketFlyweight().wrap(Unpooled.wrappedBuffer(bytes))
                .attributes(new RadiusAttributeIterator());
            final List<Integer> types = new ArrayList<>();
            while (iterator.next())
            {
                types.add(iterator.type());
            }
            return types;
        }

        /** Response Authenticator, and Message-Authenticator when present (RFC 2865 §3, RFC 3579 §3.2). */
        boolean authenticFor(final byte[] requestAuthenticator)
        {
            return authenticators.verifyResponse(Unpooled.wrappedBuffer(bytes), 0, requestAuthenticator, 0, secret);
        }

        boolean hasValidMessageAuthenticator(final byte[] requestAuthenticator)
        {
            return RadiusMessageAuthenticatorStatus.VALID == authenticators.verifyMessageAuthenticator(
                Unpooled.wrappedBuffer(bytes), 0, requestAuthenticator, 0, secret);
        }

        /** Request Authenticator and Message-Authenticator of a CoA/Disconnect-Request (RFC 5176 §2.3, §3.4). */
        boolean authenticRequest()
        {
            final ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
            return authenticators.verifyRequest(buffer, 0, secret) &&
                RadiusMessageAuthenticatorStatus.VALID ==
                authenticators.verifyMessageAuthenticator(buffer, 0, null, 0, secret);
        }

        byte[] authenticator()
        {
            final byte[] authenticator = new byte[16];
            System.arraycopy(bytes, RadiusPacketDescriptor.AUTHENTICATOR_OFFSET, authenticator, 0, 16);
            return authenticator;
        }
    }

    // ------------------------------------------------------------------ the NAS's CoA port

    /** A Disconnect- or CoA-Request received on the CoA port, and where it came from. */
    record DynamicRequest(Response packet, InetSocketAddress from)
    {
    }

    DynamicRequest receiveDynamic() throws IOException
    {
        final byte[] buffer = new byte[RadiusPacketDescriptor.MAX_PACKET_LENGTH];
        final DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        coaSocket.receive(datagram);
        final byte[] packet = new byte[datagram.getLength()];
        System.arraycopy(buffer, 0, packet, 0, packet.length);
        final Response request = new Response(packet);
        assertTrue(request.authenticRequest(), "Disconnect/CoA-Request authenticators");
        assertEquals(RadiusAttributeType.MESSAGE_AUTHENTICATOR, request.attributeTypes().get(0),
            "Message-Authenticator first");
        return new DynamicRequest(request, (InetSocketAddress)datagram.getSocketAddress());
    }

    /**
     * Answer a Disconnect/CoA-Request from the CoA port.
     *
     * @param request    what was received.
     * @param code       ACK or NAK code.
     * @param errorCause Error-Cause for a NAK (RFC 5176 §3.5), 0 for none.
     * @throws IOException on a socket error.
     */
    void answer(final DynamicRequest request, final int code, final long errorCause) throws IOException
    {
        answer(request, code, errorCause, -1);
    }

    /**
     * Answer a Disconnect/CoA-Request.
     *
     * @param eventTimestamp Unix seconds for an Event-Timestamp attribute, or -1 for none.
     */
    void answer(final DynamicRequest request, final int code, final long errorCause, final long eventTimestamp)
        throws IOException
    {
        final ByteBuf buffer = Unpooled.buffer(64);
        try
        {
            encoder.start(buffer, code, request.packet().identifier()).putMessageAuthenticator();
            if (errorCause > 0)
            {
                encoder.putInt(RadiusAttributeType.ERROR_CAUSE, (int)errorCause);
            }
            if (eventTimestamp >= 0)
            {
                encoder.putInt(RadiusAttributeType.EVENT_TIMESTAMP, (int)eventTimestamp);
            }
            encoder.finishResponse(request.packet().authenticator(), 0, secret);
            final byte[] packet = ByteBufUtil.getBytes(buffer);
            coaSocket.send(new DatagramPacket(packet, packet.length, request.from()));
        }
        finally
        {
            buffer.release();
        }
    }

    private static MessageDigest md5()
    {
        try
        {
            return MessageDigest.getInstance("MD5");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close()
    {
        socket.close();
        coaSocket.close();
    }
}
