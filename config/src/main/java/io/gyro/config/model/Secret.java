package io.gyro.config.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A configured secret (RADIUS shared secret, admin token, key-store password, subscriber password).
 * <p>
 * {@link #toString()} always returns {@link #MASK}, so a secret never reaches a log line, an exception
 * message or a printed configuration by accident; reading it takes an explicit {@link #reveal()}.
 */
public final class Secret
{
    /** What every secret prints as. */
    public static final String MASK = "******";

    private final String value;

    private Secret(final String value)
    {
        this.value = value;
    }

    /**
     * @param value the secret text; must not be null or empty.
     * @return the secret.
     */
    public static Secret of(final String value)
    {
        if (null == value || value.isEmpty())
        {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** @return the secret text: call it only where the secret is used, never to print it. */
    public String reveal()
    {
        return value;
    }

    /** @return the secret as UTF-8 bytes (RADIUS shared secrets are octet strings, RFC 2865 §3). */
    public byte[] utf8Bytes()
    {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the secret's length in UTF-8 bytes. */
    public int lengthInBytes()
    {
        return utf8Bytes().length;
    }

    /**
     * Compares in time independent of where the secrets differ, so comparing a presented token with the
     * configured one does not leak its prefix through timing.
     *
     * @param candidate what was presented.
     * @return whether it equals this secret.
     */
    public boolean matches(final String candidate)
    {
        return null != candidate &&
            MessageDigest.isEqual(utf8Bytes(), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof Secret && matches(((Secret)other).value);
    }

    @Override
    public int hashCode()
    {
        // Deliberately constant: a hash of the secret would be a (weak) digest of it in heap dumps and logs.
        return 0x5EC2E7;
    }

    @Override
    public String toString()
    {
        return MASK;
    }
}
