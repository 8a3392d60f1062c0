package io.gyro.protocol.radius;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A RADIUS shared secret (RFC 2865 §3) with its HMAC-MD5 key pads (RFC 2104 §2) precomputed, so signing and
 * verifying allocate nothing per packet. Build one per RADIUS client when the configuration is loaded; immutable
 * and safe to share between threads. {@link #toString()} never reveals the secret.
 */
public final class RadiusSecret
{
    /** HMAC-MD5 block size B, RFC 2104 §2. */
    static final int HMAC_BLOCK_LENGTH = 64;
    private static final byte HMAC_INNER_PAD = 0x36;
    private static final byte HMAC_OUTER_PAD = 0x5c;

    private final byte[] secret;
    private final byte[] innerPad = new byte[HMAC_BLOCK_LENGTH];
    private final byte[] outerPad = new byte[HMAC_BLOCK_LENGTH];

    /**
     * Creates a secret from raw octets (copied).
     *
     * @param secret the shared secret; must not be empty (RFC 2865 §3 relies on it for every authenticator).
     * @throws IllegalArgumentException when empty.
     */
    public RadiusSecret(final byte[] secret)
    {
        if (0 == secret.length)
        {
            throw new IllegalArgumentException("RADIUS shared secret must not be empty");
        }
        this.secret = secret.clone();

        // RFC 2104 §2: keys longer than B are first hashed; shorter keys are zero-padded to B.
        final byte[] key = secret.length > HMAC_BLOCK_LENGTH ? md5(secret) : this.secret;
        for (int i = 0; i < HMAC_BLOCK_LENGTH; i++)
        {
            final byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte)(k ^ HMAC_INNER_PAD);
            outerPad[i] = (byte)(k ^ HMAC_OUTER_PAD);
        }
    }

    /**
     * Creates a secret from text encoded as UTF-8 (how FreeRADIUS and tinyradius read {@code secret = ...}).
     *
     * @param secret the shared secret text.
     * @return the secret.
     */
    public static RadiusSecret ofUtf8(final String secret)
    {
        return new RadiusSecret(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Octets in the secret.
     *
     * @return the length.
     */
    public int length()
    {
        return secret.length;
    }

    byte[] bytes()
    {
        return secret;
    }

    byte[] hmacInnerPad()
    {
        return innerPad;
    }

    byte[] hmacOuterPad()
    {
        return outerPad;
    }

    private static byte[] md5(final byte[] input)
    {
        try
        {
            return MessageDigest.getInstance("MD5").digest(input);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("MD5 is required of every Java platform", ex);
        }
    }

    @Override
    public String toString()
    {
        return "RadiusSecret[length=" + secret.length + "]";
    }
}
