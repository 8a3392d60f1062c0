/**
 * Diameter Credit-Control application (RFC 4006 / RFC 8506) with the 3GPP Gy/Ro additions (TS 32.299):
 * allocation-free views of CCR/CCA and their Multiple-Services-Credit-Control and service-unit AVPs, and
 * encoders for both directions (the server answers CCRs; the simulator and tests send them).
 * <p>
 * Depends only on the Diameter codec and dictionary of this module; never on the ledger or the server.
 */
package io.gyro.protocol.diameter.cc;
