package io.gyro.server.diameter;

import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.server.test.Ccr;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.TestCertificates;
import io.gyro.server.test.TestServer;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Diameter over TLS (RFC 6733 §13) with certificates the test generates: TLS from the first byte on its own
 * port, TLS negotiated after CER/CEA with Inband-Security-Id, and client certificates tied to the Origin-Host.
 */
@Timeout(120)
class DiameterTlsIntegrationTest
{
    @TempDir
    Path dataDir;
    @TempDir
    static Path certificateDir;
    private static Path serverStore;
    private static Path serverTrust;
    private static Path clientTrust;
    private TestServer server;
    private DiameterTestClient client;

    /** keytool takes a second per call: the certificates are made once for the class. */
    @BeforeAll
    static void certificates() throws Exception
    {
        final TestCertificates certificates = new TestCertificates(certificateDir);
        serverStore = certificates.keyStore("server", "gyro.localdomain");
        certificates.keyStore("pgw1", "pgw1.test.example");
        certificates.keyStore("impostor", "pgw2.test.example");
        serverTrust = certificates.trustStore("server-trust", "pgw1", "impostor");
        clientTrust = certificates.trustStore("client-trust", "server");
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

    private TestServer tlsServer(final String clientAuth)
    {
        return TestServer.aServer(dataDir)
            .with("diameter.tls.enabled=true")
            .with("diameter.tls.port=0")
            .with("diameter.tls.key-store=" + serverStore)
            .with("diameter.tls.key-store-password=" + TestCertificates.PASSWORD)
            .with("diameter.tls.trust-store=" + serverTrust)
            .with("diameter.tls.trust-store-password=" + TestCertificates.PASSWORD)
            .with("diameter.tls.client-auth=" + clientAuth);
    }

    private static SslContext clientTls(final String identity) throws Exception
    {
        return TestCertificates.clientContext(null == identity ? null : certificateDir.resolve(identity + ".p12"),
            clientTrust);
    }

    @Test
    void shouldServeCreditControlOverTlsFromTheFirstByte() throws Exception
    {
        server = tlsServer("require").start();
        client = new DiameterTestClient("pgw1.test.example")
            .connect(server.server().diameterTlsAddress(), clientTls("pgw1"));
        assertTrue(client.isTlsEstablished());
        assertEquals(ResultCode.SUCCESS, client.cer().resultCode());
        assertEquals(ResultCode.SUCCESS,
            Ccr.initial("tls;1").msisdn("491700000007").mscc(10).send(client).resultCode());
    }

    @Test
    void shouldRefuseCertificateNamingAnotherHost() throws Exception
    {
        server = tlsServer("require").start();
        client = new DiameterTestClient("pgw1.test.example")
            .connect(server.server().diameterTlsAddress(), clientTls("impostor"));
        final CapabilitiesExchange cea = client.cer();
        assertEquals(ResultCode.UNKNOWN_PEER, cea.resultCode(), "certificate says pgw2, CER says pgw1");
        assertTrue(client.awaitClosed());
    }

    @Test
    void shouldRequireClientCertificateWhenConfigured() throws Exception
    {
        server = tlsServer("require").start();
        client = new DiameterTestClient("pgw1.test.example")
            .connect(server.server().diameterTlsAddress(), clientTls(null));
        // With TLS 1.3 the client may finish its side before the server refuses: the server closes either way.
        assertTrue(client.awaitClosed(), "the server refuses a peer without a client certificate");
    }

    @Test
    void shouldUpgradeToTlsAfterCapabilitiesExchange() throws Exception
    {
        server = tlsServer("optional").start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        final CapabilitiesExchange cea = client.cer(List.of(4L), -1, List.of(DiameterTls.TLS));
        assertEquals(ResultCode.SUCCESS, cea.resultCode());
        assertEquals(List.of(DiameterTls.TLS), cea.inbandSecurityIds());
        assertTrue(client.startTls(clientTls("pgw1")));
        assertEquals(ResultCode.SUCCESS,
            Ccr.initial("inband;1").msisdn("491700000007").mscc(10).send(client).resultCode());
    }

    @Test
    void shouldRefuseTlsOnlyPeerWhenNoTlsIsOffered() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        final CapabilitiesExchange cea = client.cer(List.of(4L), -1, List.of(DiameterTls.TLS));
        assertEquals(ResultCode.NO_COMMON_SECURITY, cea.resultCode());
        assertTrue(client.awaitClosed());
    }

    @Test
    void shouldStayPlainWhenPeerOffersNoInbandSecurity() throws Exception
    {
        server = tlsServer("none").start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        final CapabilitiesExchange cea = client.cer(List.of(4L), -1, List.of(DiameterTls.NO_INBAND_SECURITY));
        assertEquals(ResultCode.SUCCESS, cea.resultCode());
        assertTrue(cea.inbandSecurityIds().isEmpty());
        assertEquals(ResultCode.SUCCESS,
            Ccr.initial("plain;1").msisdn("491700000007").mscc(10).send(client).resultCode());
    }

    /** A peer that accepts either (Inband-Security-Id 0 and 1) stays plain where no TLS is configured. */
    @Test
    void shouldStayPlainWithoutTlsWhenPeerAcceptsEither() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        final CapabilitiesExchange cea =
            client.cer(List.of(4L), -1, List.of(DiameterTls.NO_INBAND_SECURITY, DiameterTls.TLS));
        assertEquals(ResultCode.SUCCESS, cea.resultCode());
        assertTrue(cea.inbandSecurityIds().isEmpty(), "no TLS to offer");
        assertEquals(ResultCode.SUCCESS,
            Ccr.initial("either;1").msisdn("491700000007").mscc(10).send(client).resultCode());
        assertEquals(0, server.server().diameter().lanes().get(0).counters().connectionErrors);
    }

    /** With diameter.tls.inband off, TLS is only on its own port: a peer that accepts either stays plain. */
    @Test
    void shouldStayPlainWhenInbandTlsIsOffAndPeerAcceptsEither() throws Exception
    {
        server = tlsServer("none").with("diameter.tls.inband=false").start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        final CapabilitiesExchange cea =
            client.cer(List.of(4L), -1, List.of(DiameterTls.NO_INBAND_SECURITY, DiameterTls.TLS));
        assertEquals(ResultCode.SUCCESS, cea.resultCode());
        assertTrue(cea.inbandSecurityIds().isEmpty(), "inband TLS is off");
        assertEquals(ResultCode.SUCCESS,
            Ccr.initial("either;2").msisdn("491700000007").mscc(10).send(client).resultCode());
    }

    /** The Origin-Host check holds after an inband upgrade too: the handshake's certificate must name the CER's host. */
    @Test
    void shouldCloseAnInbandUpgradeWhoseCertificateNamesAnotherHost() throws Exception
    {
        server = tlsServer("require").start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.diameterAddress());
        final CapabilitiesExchange cea = client.cer(List.of(4L), -1, List.of(DiameterTls.TLS));
        assertEquals(ResultCode.SUCCESS, cea.resultCode());
        client.startTls(clientTls("impostor"));
        assertTrue(client.awaitClosed(), "certificate says pgw2, CER said pgw1");
    }

    /** Nothing is answered in clear on the TLS port: a plain CER there fails the handshake and the connection. */
    @Test
    void shouldNotAnswerPlainDiameterOnTheTlsPort() throws Exception
    {
        server = tlsServer("none").start();
        client = new DiameterTestClient("pgw1.test.example").connect(server.server().diameterTlsAddress());
        final io.netty.buffer.ByteBuf cer = io.netty.buffer.Unpooled.buffer();
        new CapabilitiesExchange("pgw1.test.example", "test.example", List.of(new byte[] {127, 0, 0, 1}), 0, "clear",
            -1, List.of(), List.of(4L), List.of(), List.of(), List.of(), -1, -1, null)
            .encodeRequest(new io.gyro.protocol.diameter.DiameterEncoder().wrap(cer), 1, 1);
        final var answer = client.send(io.netty.buffer.ByteBufUtil.getBytes(cer));
        assertTrue(client.awaitClosed());
        assertFalse(answer.isDone(), "no CEA in clear");
        assertEquals(0, server.server().diameter().lanes().get(0).counters().answers);
    }
}
