package io.gyro.ledger.internal;

import java.util.Arrays;

/**
 * Key of a non-numeric identity (NAI, SIP URI, or digits too long to pack). Stored keys are immutable copies;
 * the ledger probes the map with one mutable instance re-pointed at the command's bytes, so a lookup allocates
 * nothing.
 */
public final class IdentityKey
{
    private int type;
    private byte[] bytes;
    private int length;
    private int hash;

    /**
     * Point this (probe) key at bytes without copying.
     *
     * @param type   identity type.
     * @param bytes  bytes.
     * @param length valid length.
     * @return this.
     */
    public IdentityKey wrap(final int type, final byte[] bytes, final int length)
    {
        this.type = type;
        this.bytes = bytes;
        this.length = length;
        this.hash = (int)Hashing.combine(Hashing.hash(bytes, 0, length), type);
        return this;
    }

    /**
     * @return an immutable copy suitable for storing in the map.
     */
    public IdentityKey copy()
    {
        return new IdentityKey().wrap(type, Arrays.copyOf(bytes, length), length);
    }

    /**
     * @return identity type.
     */
    public int type()
    {
        return type;
    }

    /**
     * @return the bytes (only {@link #length()} are valid).
     */
    public byte[] bytes()
    {
        return bytes;
    }

    /**
     * @return valid length.
     */
    public int length()
    {
        return length;
    }

    @Override
    public int hashCode()
    {
        return hash;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof IdentityKey))
        {
            return false;
        }
        final IdentityKey other = (IdentityKey)o;
        return other.type == type && other.length == length && other.hash == hash &&
            Arrays.equals(bytes, 0, length, other.bytes, 0, other.length);
    }
}
