package io.gyro.simulator;

/** What the simulator acts as. */
public enum Mode
{
    /** Many PGWs speaking Diameter Gy (RFC 4006, TS 32.299). */
    DIAMETER,
    /** Many BRASes speaking RADIUS authentication and accounting (RFC 2865, 2866, 5176). */
    RADIUS
}
