/**
 * The ledger's public API: the pre-allocated ring slot ({@link io.gyro.ledger.LedgerCommand} with its
 * {@link io.gyro.ledger.ServiceRequest}s and {@link io.gyro.ledger.ServiceResult}s), outcomes
 * ({@link io.gyro.ledger.LedgerResult}), configuration ({@link io.gyro.ledger.LedgerContext}), the threaded
 * {@link io.gyro.ledger.LedgerPipeline}, the thread-free {@link io.gyro.ledger.LedgerStateMachine}, the callbacks the
 * server implements ({@link io.gyro.ledger.LedgerReplyHandler}, {@link io.gyro.ledger.LedgerNotificationListener})
 * and admin payloads and views.
 * <p>
 * Depends on Disruptor, Chronicle Queue, Agrona and SLF4J only. Must never depend on {@code io.gyro.protocol},
 * the server or config: the server translates Diameter/RADIUS into these commands (ARCHITECTURE.md section 1).
 */
package io.gyro.ledger;
