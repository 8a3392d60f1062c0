/**
 * Pure rating: immutable tariff versions (unit type, quantum, a band-by-tier price matrix, grant parameters), the
 * tariff table, its binary codec, and arithmetic that is a function of tariff, usage and the command's timestamp
 * only (never a clock). Money is {@code long} minor units; all arithmetic saturates rather than overflows.
 * <p>
 * Depends on Agrona collections only; must not depend on the ledger state, the journal or anything outside the
 * ledger module.
 */
package io.gyro.ledger.rating;
