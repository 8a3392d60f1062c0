package io.gyro.protocol.diameter;

/**
 * Why an {@link AvpReader} stopped before the end of its range. Every case is answered with
 * 5014 DIAMETER_INVALID_AVP_LENGTH (RFC 6733 §7.1.5, PROTOCOLS.md §4 item 2).
 */
public enum AvpReadError
{
    /** The range ended cleanly, or no read was attempted yet. */
    NONE,
    /** Fewer than 8 octets (12 with the V bit) remain for an AVP header. */
    TRUNCATED_HEADER,
    /** The AVP Length is shorter than its own header. */
    LENGTH_TOO_SMALL,
    /** The AVP Length runs past the end of its message or enclosing Grouped AVP. */
    OVERRUN
}
