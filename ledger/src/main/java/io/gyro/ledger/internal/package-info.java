/**
 * The single-writer state and the code that decides: {@link io.gyro.ledger.internal.LedgerState} (paged account and
 * bucket columns, identity index, sessions, deadline heaps) applies events and decides nothing;
 * {@link io.gyro.ledger.internal.LedgerProcessor} decides and emits events; the snapshot codec and hashing live
 * here too. Not an API: everything here is called only on the ledger thread and may change without notice.
 * <p>
 * Must not depend on anything outside the ledger module.
 */
package io.gyro.ledger.internal;
