/**
 * Simulated PGWs: one Diameter peer per connection (CER/CEA, DWR/DWA, DPR/DPA, its own Origin-Host) running many
 * Gy credit-control sessions from preallocated arrays, and answering what the server starts (RAR, ASR).
 * Uses only the protocol module's encoders and decoders; must not depend on the ledger or the server.
 * <p>
 * Credit-control session state machine of one slot (RFC 4006 §7 client side, as simulated):
 * <pre>
 *            start (paced)                     2001                       paced, updates left
 *   IDLE ---------------------&gt; WAIT_INITIAL --------&gt; OPEN ---------------------------------&gt; WAIT_UPDATE
 *    ^  \  EVENT kind            |  not 2001          ^  |  \                     2001 / 3004 |    | 4010/4012/5xxx
 *    |   +--&gt; WAIT_EVENT --+     v                    |  |   +------------------------------+    | (server closed it)
 *    |                     +--&gt; end                   |  |  no updates left, FUI, no credit,     v
 *    |                                                |  |  ASR, draining                       end
 *    |                       RAR: RAA 2001 + CCR-U ---+  v
 *    |                       (Reporting-Reason 7)     WAIT_TERMINATION --any answer--&gt; end
 *    +------------------------------------------------------------------------------------ end: next session
 * </pre>
 * While a request is in flight a RAR or ASR is answered at once and remembered; the forced CCR-U or the CCR-T
 * follows its answer. When the run drains, IDLE slots finish and open sessions send CCR-T next.
 */
package io.gyro.simulator.pgw;
