/**
 * Diameter base protocol messages of RFC 6733 that a credit-control server exchanges with its peers: CER/CEA,
 * DWR/DWA, DPR/DPA, and the session messages RAR/RAA and ASR/ASA used by RFC 4006. Plain objects: these messages
 * are rare (per connection or per operator action), so clarity wins over zero allocation here (STYLE.md §3).
 */
package io.gyro.protocol.diameter.base;
