/**
 * Loading Gyro's configuration: one YAML file (the bundled {@code config/gyro.yaml} is the default),
 * overridden per key from the environment and the command line, parsed against a single key registry
 * ({@link io.gyro.config.ConfigurationKeys}) and validated into the immutable model of
 * {@link io.gyro.config.model}. Also the exact parsers every other module should use for the same
 * notations: {@link io.gyro.config.Money}, {@link io.gyro.config.Durations}, {@link io.gyro.config.Sizes}.
 * <p>
 * Reads files and nothing else: no network, no DNS, no system properties or real environment (callers pass
 * the environment in). Depends on no other Gyro module; only the charging server, simulator and perf
 * load configuration (STYLE.md §1), and the protocol and ledger modules never see this package.
 */
package io.gyro.config;
