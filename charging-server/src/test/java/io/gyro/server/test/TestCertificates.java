package io.gyro.server.test;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made by the test itself (issue 8: no key material in the repository): the JDK's {@code keytool}
 * generates a self-signed EC key pair per identity into PKCS#12 stores in a temporary directory, and trust stores
 * holding the other side's certificate.
 */
public final class TestCertificates
{
    /** Password of every generated store. */
    public static final String PASSWORD = "test-store-password";

    private final Path directory;

    /**
     * @param directory a temporary directory.
     */
    public TestCertificates(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * @param name    file name prefix.
     * @param dnsName the DNS name the certificate carries (CN and subject alternative name).
     * @return the key store holding the key pair and its self-signed certificate.
     * @throws Exception when keytool fails.
     */
    public Path keyStore(final String name, final String dnsName) throws Exception
    {
        final Path store = directory.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
            "-sigalg", "SHA256withECDSA", "-dname", "CN=" + dnsName, "-ext", "SAN=dns:" + dnsName + ",ip:127.0.0.1",
            "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
            "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD,
            "-file", directory.resolve(name + ".crt").toString());
        return store;
    }

    /**
     * @param name     file name of the trust store.
     * @param trusting names of key stores made by {@link #keyStore} whose certificates to trust.
     * @return the trust store.
     * @throws Exception when keytool fails.
     */
    public Path trustStore(final String name, final String... trusting) throws Exception
    {
        final Path store = directory.resolve(name + ".p12");
        for (final String trusted : trusting)
        {
            keytool("-importcert", "-noprompt", "-alias", trusted, "-file",
                directory.resolve(trusted + ".crt").toString(), "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        }
        return store;
    }

    /**
     * @param keyStore   the client's key store, or null for no client certificate.
     * @param trustStore the trust store with the server's certificate.
     * @return a client TLS context.
     * @throws Exception when a store cannot be read.
     */
    public static SslContext clientContext(final Path keyStore, final Path trustStore) throws Exception
    {
        final TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore));
        final SslContextBuilder builder = SslContextBuilder.forClient().trustManager(trust);
        if (null != keyStore)
        {
            final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), PASSWORD.toCharArray());
            builder.keyManager(keys);
        }
        return builder.build();
    }

    private static KeyStore load(final Path file) throws Exception
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file))
        {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(final String... arguments) throws IOException, InterruptedException
    {
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        final ProcessBuilder builder = new ProcessBuilder();
        builder.command().add(keytool.toString());
        builder.command().addAll(List.of(arguments));
        builder.redirectErrorStream(true);
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0)
        {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
