package io.gyro.server.radius;

import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.server.test.ExpectedMoney;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tinyradius.attribute.IntegerAttribute;
import org.tinyradius.attribute.IpAttribute;
import org.tinyradius.attribute.StringAttribute;
import org.tinyradius.packet.AccessRequest;
import org.tinyradius.packet.AccountingRequest;
import org.tinyradius.packet.RadiusPacket;
import org.tinyradius.util.RadiusClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * tinyradius 1.1.3, an independent RADIUS implementation, plays the NAS against the real server over loopback:
 * PAP and CHAP authentication, Accounting Start/Interim/Stop, and a retransmission. tinyradius checks every
 * Response Authenticator itself.
 */
@Timeout(60)
class RadiusTinyRadiusInteropTest
{
    private static final String SECRET = "testing123";
    private static final String ALICE = "491700000009";
    private static final long MIB = 1L << 20;
    private static final Logger TINYRADIUS_LOGGER = Logger.getLogger("org.tinyradius");

    static
    {
        // tinyradius logs every packet at INFO through commons-logging; route that to JUL and keep warnings only.
        if (null == System.getProperty("org.apache.commons.logging.Log"))
        {
            System.setProperty("org.apache.commons.logging.Log", "org.apache.commons.logging.impl.Jdk14Logger");
        }
        TINYRADIUS_LOGGER.setLevel(Level.WARNING);
    }

    @TempDir
    Path dataDir;
    private TestServer server;
    private RadiusClient client;
    private final ExpectedMoney expected = new ExpectedMoney().watch(ALICE, DEMO_OPENING_MINOR);

    @BeforeEach
    void start() throws Exception
    {
        server = TestServer.aServer(dataDir).with("radius.enabled=true").start();
        client = new RadiusClient("127.0.0.1", SECRET);
        client.setAuthPort(server.radiusAuthAddress().getPort());
        client.setAcctPort(server.radiusAcctAddress().getPort());
        client.setSocketTimeout(10_000);
        client.setRetryCount(1);
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
            expected.assertAll(server);
            server.close();
        }
    }

    @Test
    void shouldAuthenticateTinyRadiusPapAndChap() throws Exception
    {
        final RadiusPacket pap = client.authenticate(new AccessRequest(ALICE, "gyro-demo"));
        assertEquals(RadiusPacket.ACCESS_ACCEPT, pap.getPacketType());
        assertNotNull(pap.getAttribute(RadiusAttributeType.CLASS));
        assertEquals("300", pap.getAttributeValue("Acct-Interim-Interval"));

        final AccessRequest chapRequest = new AccessRequest(ALICE, "gyro-demo");
        chapRequest.setAuthProtocol(AccessRequest.AUTH_CHAP);
        assertEquals(RadiusPacket.ACCESS_ACCEPT, client.authenticate(chapRequest).getPacketType());

        final RadiusPacket wrong = client.authenticate(new AccessRequest(ALICE, "not-it"));
        assertEquals(RadiusPacket.ACCESS_REJECT, wrong.getPacketType());
        assertEquals(RadiusLane.AUTHENTICATION_FAILED, wrong.getAttributeValue("Reply-Message"));
    }

    @Test
    void shouldAccountATinyRadiusSessionFromStartToStop() throws Exception
    {
        assertEquals(RadiusPacket.ACCOUNTING_RESPONSE, client.account(accounting(
            AccountingRequest.ACCT_STATUS_TYPE_START, 0, 0)).getPacketType());
        assertEquals(RadiusPacket.ACCOUNTING_RESPONSE, client.account(accounting(
            AccountingRequest.ACCT_STATUS_TYPE_INTERIM_UPDATE, 3 * MIB, 0)).getPacketType());
        assertEquals(RadiusPacket.ACCOUNTING_RESPONSE, client.account(accounting(
            AccountingRequest.ACCT_STATUS_TYPE_STOP, (1L << 32) + MIB, 0)).getPacketType());
        // Session-cumulative counters with Acct-Input-Gigawords (RFC 2869 §5.1): 4 GiB + 1 MiB in all.
        expected.charge(ALICE, dataChargeMinor((1L << 32) + MIB));
        assertEquals(4_097 * 100, dataChargeMinor((1L << 32) + MIB), "4097 started MiB at 0.0100");
        assertEquals(expected.balanceMinor(ALICE), server.account(ALICE).balanceMinor());
        assertEquals(0, server.account(ALICE).reservedMinor());
    }

    @Test
    void shouldAnswerATinyRadiusRetransmissionWithTheSameResponseAndChargeOnce() throws Exception
    {
        client.account(accounting(AccountingRequest.ACCT_STATUS_TYPE_START, 0, 0));
        final AccountingRequest interim = accounting(AccountingRequest.ACCT_STATUS_TYPE_INTERIM_UPDATE, 5 * MIB, 0);
        final ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        interim.encodeRequestPacket(encoded, SECRET);
        final byte[] packet = encoded.toByteArray();

        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            socket.setSoTimeout(10_000);
            final byte[] first = exchange(socket, packet);
            final byte[] second = exchange(socket, packet);
            assertArrayEquals(first, second);
            final RadiusPacket response = RadiusPacket.decodeResponsePacket(new ByteArrayInputStream(second), SECRET,
                interim);
            assertEquals(RadiusPacket.ACCOUNTING_RESPONSE, response.getPacketType());
        }
        assertEquals(1, server.server().radius().counters().duplicatesAnswered);
        expected.charge(ALICE, dataChargeMinor(5 * MIB));
        assertEquals(expected.balanceMinor(ALICE), server.account(ALICE).balanceMinor(), "charged once");
    }

    private byte[] exchange(final DatagramSocket socket, final byte[] packet) throws Exception
    {
        socket.send(new DatagramPacket(packet, packet.length, server.radiusAcctAddress()));
        final byte[] buffer = new byte[4096];
        final DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        socket.receive(received);
        return Arrays.copyOf(buffer, received.getLength());
    }

    private static AccountingRequest accounting(final int statusType, final long inputOctets, final long sessionTime)
    {
        final AccountingRequest request = new AccountingRequest(ALICE, statusType);
        request.addAttribute(new StringAttribute(RadiusAttributeType.ACCT_SESSION_ID, "tiny-0001"));
        request.addAttribute(new IpAttribute(RadiusAttributeType.NAS_IP_ADDRESS, "192.0.2.1"));
        if (AccountingRequest.ACCT_STATUS_TYPE_START != statusType)
        {
            request.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_INPUT_OCTETS, (int)inputOctets));
            request.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_INPUT_GIGAWORDS,
                (int)(inputOctets >>> 32)));
            request.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_OUTPUT_OCTETS, 0));
            request.addAttribute(new IntegerAttribute(RadiusAttributeType.ACCT_SESSION_TIME, (int)sessionTime));
        }
        return request;
    }
}
