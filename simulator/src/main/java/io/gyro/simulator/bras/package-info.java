/**
 * Simulated BRASes: each one a NAS with its own NAS-Identifier and its own UDP sockets towards the server's
 * authentication and accounting ports (so each has its own 256 RADIUS Identifiers per port, RFC 2865 §3), running
 * many subscriber sessions from preallocated arrays, and a shared CoA listener that answers Disconnect- and
 * CoA-Requests (RFC 5176). Uses only the protocol module's RADIUS codec; must not depend on the ledger or the server.
 * <p>
 * Session state machine of one slot:
 * <pre>
 *  IDLE --Access-Request--&gt; WAIT_ACCESS --Accept--&gt; AUTHORIZED --Start--&gt; WAIT_START --&gt; OPEN
 *   ^                         | Reject / timeout                                            |  Interim-Update (k times,
 *   |                         v                                                            |  cumulative counters)
 *   +------------------------ end &lt;-- WAIT_STOP &lt;-- Stop (updates done, Session-Timeout reached, drain,
 *                                                        Disconnect-Request: Admin-Reset)
 * </pre>
 */
package io.gyro.simulator.bras;
