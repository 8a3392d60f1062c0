package io.gyro.server.radius;

import io.gyro.config.ConfigurationException;
import io.gyro.config.ConfigurationLoader;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.server.test.AdminClient;
import io.gyro.server.test.DiameterTestClient;
import io.gyro.server.test.TestCertificates;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * No secret is ever printed (issue 8): a whole scenario runs with distinctive secret values (RADIUS shared secret,
 * admin token, key-store password, subscriber passwords), good and bad requests included, and none of them may appear
 * in what the process logs, in /metrics, in any error answer, in an exception message or in the printed
 * configuration. The log is what slf4j-simple writes to the standard streams, captured for the test (INFO and above:
 * the level the server runs at).
 */
@Timeout(120)
class SecretsNeverPrintedIntegrationTest
{
    private static final String RADIUS_SECRET = "RadiusSecret-7f3a9c1e55d0";
    private static final String ADMIN_TOKEN = "AdminToken-4b2e8d19c7a6f0e1";
    private static final String DEMO_PASSWORD = "DemoPassword-91c2aa7e";
    private static final String SUBSCRIBER_PASSWORD = "SubscriberPassword-3d7700b4";
    private static final String SHORT_TOKEN = "ShortTok-e9";
    /** Every secret of the scenario; TestCertificates.PASSWORD protects the generated key stores. */
    private static final List<String> SECRETS = List.of(RADIUS_SECRET, ADMIN_TOKEN, DEMO_PASSWORD, SUBSCRIBER_PASSWORD,
        SHORT_TOKEN, TestCertificates.PASSWORD);
    private static final String ALICE = "491700000008";

    @TempDir
    Path dir;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<String> printed = new ArrayList<>();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private TestServer server;
    private RadiusTestNas nas;
    private DiameterTestClient diameter;

    /** Tee both standard streams into {@link #captured} (slf4j-simple looks System.err up on every line). */
    private void captureStandardStreams()
    {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(new Tee(savedOut, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(savedErr, captured), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop()
    {
        if (null != diameter)
        {
            diameter.close();
        }
        if (null != server)
        {
            server.close();
        }
        if (null != nas)
        {
            nas.close();
        }
        if (null != savedOut)
        {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    @Test
    void shouldNeverPrintASecretInLogsMetricsErrorsOrConfiguration() throws Exception
    {
        captureStandardStreams();
        final TestCertificates certificates =
            new TestCertificates(java.nio.file.Files.createDirectories(dir.resolve("certificates")));
        final Path serverStore = certificates.keyStore("server", "gyro.localdomain");
        certificates.keyStore("pgw1", "pgw1.test.example");
        final Path clientTrust = certificates.trustStore("client-trust", "server");

        nas = new RadiusTestNas(RADIUS_SECRET);
        server = TestServer.aServer(dir.resolve("data"))
            .with("admin.enabled=true").with("admin.port=0").with("admin.token=" + ADMIN_TOKEN)
            .with("radius.enabled=true").with("radius.coa-port=" + nas.coaPort())
            .with("radius.clients[0].secret=" + RADIUS_SECRET)
            .with("radius.clients[0].require-message-authenticator=true")
            .with("demo.subscribers.password=" + DEMO_PASSWORD)
            .with("diameter.tls.enabled=true").with("diameter.tls.port=0")
            .with("diameter.tls.key-store=" + serverStore)
            .with("diameter.tls.key-store-password=" + TestCertificates.PASSWORD)
            .start();

        // RADIUS: a good PAP login, a wrong password, a forged packet, a missing Message-Authenticator.
        assertEquals(RadiusCode.ACCESS_ACCEPT, nas.exchange(nas.access(ALICE).pap(DEMO_PASSWORD).messageAuthenticator(),
            server.radiusAuthAddress()).code());
        assertEquals(RadiusCode.ACCESS_REJECT, nas.exchange(nas.access(ALICE).pap("wrong-" + DEMO_PASSWORD)
            .messageAuthenticator(), server.radiusAuthAddress()).code());
        try (RadiusTestNas forger = new RadiusTestNas("not-" + RADIUS_SECRET))
        {
            forger.send(forger.access(ALICE).pap(DEMO_PASSWORD).messageAuthenticator().encode(),
                server.radiusAuthAddress());
        }
        nas.send(nas.access(ALICE).pap(DEMO_PASSWORD).encode(), server.radiusAuthAddress());

        // Diameter over TLS with a certificate the server did not ask for.
        diameter = new DiameterTestClient("pgw1.test.example").connect(server.server().diameterTlsAddress(),
            TestCertificates.clientContext(dir.resolve("certificates").resolve("pgw1.p12"), clientTrust));
        assertEquals(ResultCode.SUCCESS, diameter.cer().resultCode());

        // Admin API: no token, a wrong one (a prefix of the right one), the right one, bad input carrying a password.
        final AdminClient anonymous = new AdminClient(server.adminAddress(), null);
        printed.add(anonymous.get("/api/v1/subscribers/" + ALICE).body());
        final AdminClient.Reply prefix =
            new AdminClient(server.adminAddress(), ADMIN_TOKEN.substring(0, 20)).get("/api/v1/tariffs");
        assertEquals(401, prefix.status());
        printed.add(prefix.body());
        final AdminClient admin = new AdminClient(server.adminAddress(), ADMIN_TOKEN);
        final AdminClient.Reply created = admin.post("/api/v1/subscribers",
            "{\"msisdn\": \"491701234567\", \"balance\": \"5.00\", \"password\": \"" + SUBSCRIBER_PASSWORD + "\"}");
        assertEquals(201, created.status(), created.body());
        printed.add(created.body());
        printed.add(admin.get("/api/v1/subscribers/491701234567").body());
        final AdminClient.Reply invalid = admin.post("/api/v1/subscribers",
            "{\"msisdn\": \"491701234568\", \"balance\": \"lots\", \"password\": \"" + SUBSCRIBER_PASSWORD + "\"}");
        assertEquals(400, invalid.status());
        printed.add(invalid.body());
        printed.add(admin.get("/api/v1/tariffs").body());
        printed.add(anonymous.get("/metrics").body());
        printed.add(anonymous.get("/health").body());

        // The configuration as printed, and the errors of a bad one.
        printed.add(server.server().configuration().toString());
        final ConfigurationException tooShort = assertThrows(ConfigurationException.class, () ->
            ConfigurationLoader.load(Path.of("..", "config", "gyro.yaml"), Map.of(), List.of("admin.token=" + SHORT_TOKEN)));
        printed.add(tooShort.getMessage());
        server.close();
        server = null;
        final Exception wrongStorePassword = assertThrows(Exception.class, () -> TestServer.aServer(dir.resolve("data2"))
            .with("diameter.tls.enabled=true").with("diameter.tls.key-store=" + serverStore)
            .with("diameter.tls.key-store-password=" + ADMIN_TOKEN).start());
        for (Throwable cause = wrongStorePassword; null != cause; cause = cause.getCause())
        {
            printed.add(String.valueOf(cause.getMessage()));
        }

        System.out.flush();
        System.err.flush();
        printed.add(captured.toString(StandardCharsets.UTF_8));
        assertTrue(printed.get(printed.size() - 1).contains("Diameter over TLS listening"),
            "the log was captured");
        for (final String text : printed)
        {
            for (final String secret : SECRETS)
            {
                assertFalse(text.contains(secret), () -> "a secret was printed: " + text);
            }
        }
    }

    /** Writes to the original stream and to the capture. */
    private static final class Tee extends OutputStream
    {
        private final OutputStream original;
        private final ByteArrayOutputStream copy;

        Tee(final OutputStream original, final ByteArrayOutputStream copy)
        {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(final int b)
        {
            synchronized (copy)
            {
                copy.write(b);
            }
            try
            {
                original.write(b);
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length)
        {
            synchronized (copy)
            {
                copy.write(bytes, offset, length);
            }
            try
            {
                original.write(bytes, offset, length);
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        }
    }
}
