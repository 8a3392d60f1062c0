package io.gyro.config.model;

import java.nio.file.Path;

/**
 * Charging data records derived from the journal (ARCHITECTURE.md §4).
 *
 * @param enabled        whether CDR files are written.
 * @param dir            directory of the rolled CSV files.
 * @param rollIntervalMs how often a new file is started.
 */
public record CdrConfiguration(boolean enabled, Path dir, long rollIntervalMs)
{
}
