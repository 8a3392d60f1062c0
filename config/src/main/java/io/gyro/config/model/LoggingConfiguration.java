package io.gyro.config.model;

/**
 * Logging.
 *
 * @param level the root log level.
 */
public record LoggingConfiguration(LogLevel level)
{
}
