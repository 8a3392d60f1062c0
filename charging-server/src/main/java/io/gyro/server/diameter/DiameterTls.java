package io.gyro.server.diameter;

import io.gyro.config.model.ClientAuth;
import io.gyro.config.model.DiameterTlsConfiguration;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Diameter over TLS (RFC 6733 §13): the server's TLS context from configured PKCS#12 stores, and the check that
 * ties a peer's certificate to the Origin-Host of its CER (§13.1: a peer must not be able to claim another peer's
 * identity). Built once at start-up; nothing here is on the request path.
 */
public final class DiameterTls
{
    /** Inband-Security-Id NO_INBAND_SECURITY (RFC 6733 §6.10). */
    public static final long NO_INBAND_SECURITY = 0;
    /** Inband-Security-Id TLS (RFC 6733 §6.10). */
    public static final long TLS = 1;

    private final SslContext context;
    private final ClientAuth clientAuth;
    private final boolean inband;

    private DiameterTls(final SslContext context, final ClientAuth clientAuth, final boolean inband)
    {
        this.context = context;
        this.clientAuth = clientAuth;
        this.inband = inband;
    }

    /**
     * @param configuration the TLS configuration.
     * @return the TLS setup, or null when TLS is off.
     * @throws Exception when a store cannot be read (the message names it).
     */
    public static DiameterTls from(final DiameterTlsConfiguration configuration) throws Exception
    {
        if (!configuration.enabled())
        {
            return null;
        }
        final KeyStore keys = load(configuration.keyStore(), configuration.keyStorePassword().reveal());
        final KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, configuration.keyStorePassword().reveal().toCharArray());
        final SslContextBuilder builder = SslContextBuilder.forServer(keyManagers);
        if (null != configuration.trustStore())
        {
            final KeyStore trusted = load(configuration.trustStore(), configuration.trustStorePassword().reveal());
            final TrustManagerFactory trustManagers =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            builder.trustManager(trustManagers);
        }
        builder.clientAuth(switch (configuration.clientAuth())
        {
            case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
            case OPTIONAL -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
            case REQUIRE -> io.netty.handler.ssl.ClientAuth.REQUIRE;
        });
        return new DiameterTls(builder.build(), configuration.clientAuth(), configuration.inband());
    }

    private static KeyStore load(final Path file, final String password) throws Exception
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file))
        {
            store.load(in, password.toCharArray());
        }
        catch (final Exception ex)
        {
            // Never include the password; name the file.
            throw new IllegalStateException("cannot read key store " + file + ": " + ex.getMessage(), ex);
        }
        return store;
    }

    /**
     * @param channel the channel the handler is for.
     * @return a new server-side TLS handler.
     */
    public SslHandler newHandler(final io.netty.channel.Channel channel)
    {
        return context.newHandler(channel.alloc());
    }

    /** @return whether peers on the plain port may upgrade to TLS after CER/CEA. */
    public boolean inband()
    {
        return inband;
    }

    /**
     * Whether a finished handshake's peer may use an Origin-Host: without client authentication anything goes;
     * otherwise a presented certificate must name the host in a DNS subject alternative name, or in the common
     * name when it has none, and {@link ClientAuth#REQUIRE} demands a certificate.
     *
     * @param handler    the connection's TLS handler, after its handshake.
     * @param originHost the CER's Origin-Host.
     * @return null when allowed, else why not (for the log).
     */
    public String refusal(final SslHandler handler, final String originHost)
    {
        if (ClientAuth.NONE == clientAuth)
        {
            return null;
        }
        final Certificate[] chain;
        try
        {
            chain = handler.engine().getSession().getPeerCertificates();
        }
        catch (final SSLPeerUnverifiedException ex)
        {
            return ClientAuth.REQUIRE == clientAuth ? "no client certificate" : null;
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate))
        {
            return "no X.509 client certificate";
        }
        final List<String> names = names(certificate);
        for (final String name : names)
        {
            if (name.equalsIgnoreCase(originHost))
            {
                return null;
            }
        }
        return "the client certificate names " + names + ", not Origin-Host " + originHost;
    }

    private static List<String> names(final X509Certificate certificate)
    {
        final List<String> names = new ArrayList<>();
        try
        {
            final Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (null != alternatives)
            {
                for (final List<?> alternative : alternatives)
                {
                    if (Integer.valueOf(2).equals(alternative.get(0)))
                    {
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        }
        catch (final CertificateParsingException ex)
        {
            // Fall back to the common name.
        }
        if (names.isEmpty())
        {
            for (final String part : certificate.getSubjectX500Principal().getName().split(","))
            {
                if (part.trim().toUpperCase(Locale.ROOT).startsWith("CN="))
                {
                    names.add(part.trim().substring(3));
                }
            }
        }
        return names;
    }
}
