package io.gyro.protocol.diameter.dictionary;

/**
 * Application-ID values (RFC 6733 §2.4), as {@code long} because the field is an unsigned 32-bit value.
 */
public final class ApplicationIds
{
    /** Diameter common messages: CER/CEA, DWR/DWA, DPR/DPA (RFC 6733 §2.4). */
    public static final long COMMON = 0L;

    /** Diameter base accounting: ACR/ACA (RFC 6733 §2.4). */
    public static final long BASE_ACCOUNTING = 3L;

    /** Diameter Credit Control, Gy/Ro (RFC 8506 §12.1). */
    public static final long CREDIT_CONTROL = 4L;

    /**
     * Relay (RFC 6733 §2.4): a peer advertising it shares every application. A header value, not an
     * application with commands, so {@link DiameterDictionary#isApplicationKnown(long)} is false for it.
     */
    public static final long RELAY = 0xFFFFFFFFL;

    private ApplicationIds()
    {
    }
}
