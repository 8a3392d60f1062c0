package io.gyro.config.model;

/** Root log level of the server. */
public enum LogLevel implements ConfigEnum
{
    /** Everything, including per-message traces: never in production. */
    TRACE("trace"),
    /** Diagnostic detail. */
    DEBUG("debug"),
    /** Start-up, peers coming and going, snapshots. */
    INFO("info"),
    /** Recoverable problems. */
    WARN("warn"),
    /** Failures only. */
    ERROR("error");

    private final String configName;

    LogLevel(final String configName)
    {
        this.configName = configName;
    }

    @Override
    public String configName()
    {
        return configName;
    }

    @Override
    public String toString()
    {
        return configName;
    }
}
