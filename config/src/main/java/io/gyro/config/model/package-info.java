/**
 * The typed, immutable configuration model: one record per section of {@code gyro.yaml}, built and
 * validated by {@link io.gyro.config.ConfigurationLoader}.
 * <p>
 * Plain data only: the records do not parse, validate or read anything, so the charging server, the
 * simulator and tests can pass them around (or build them directly in a test) without dragging in the
 * YAML parser. Amounts are {@code long} minor units at {@code ledger.money-scale}, never {@code double};
 * durations are {@code long} milliseconds or whole seconds as the accessor name says; secrets are
 * {@link io.gyro.config.model.Secret} so that no {@code toString()} can print them.
 * <p>
 * Must not depend on anything else of Gyro, nor on {@code io.gyro.config} (the loader depends on this
 * package, not the other way round).
 */
package io.gyro.config.model;
