/**
 * Gyro's wire layer: Diameter (RFC 6733, RFC 4006/8506, 3GPP TS 32.299) and RADIUS (RFC 2865/2866/5176)
 * framing, zero-copy readers, encoders, dictionaries and validation.
 * <p>
 * Shared by the charging server and the simulator. Must not depend on the ledger, the configuration
 * or the server: everything it needs arrives as constructor arguments.
 */
package io.gyro.protocol;
