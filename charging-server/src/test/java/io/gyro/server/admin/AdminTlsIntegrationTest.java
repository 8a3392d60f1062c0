package io.gyro.server.admin;

import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With admin.tls.enabled the API speaks HTTPS with the PKCS#12 key store of the configuration.
 */
@Timeout(60)
class AdminTlsIntegrationTest
{
    private static final String PASSWORD = "store-password";

    @TempDir
    Path dir;

    @Test
    void shouldServeTheApiOverHttpsWithTheConfiguredKeyStore() throws Exception
    {
        final Path keyStore = dir.resolve("admin.p12");
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        final Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gyro", "-keyalg",
            "EC", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
            "-keystore", keyStore.toString(), "-storepass", PASSWORD)
            .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes()));

        try (TestServer server = TestServer.aServer(dir.resolve("data")).withAdmin()
            .with("admin.tls.enabled=true").with("admin.tls.key-store=" + keyStore)
            .with("admin.tls.key-store-password=" + PASSWORD).start())
        {
            final KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore))
            {
                trusted.load(in, PASSWORD.toCharArray());
            }
            final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            final SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trust.getTrustManagers(), null);
            final HttpClient client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10))
                .build();
            final String base = "https://127.0.0.1:" + server.adminAddress().getPort();
            final HttpResponse<String> account = client.send(HttpRequest.newBuilder(URI.create(base +
                "/api/v1/subscribers/491700000001")).header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, account.statusCode(), account.body());
            assertTrue(account.body().contains("\"balanceMinor\""));
            assertEquals(401, client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tariffs")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
