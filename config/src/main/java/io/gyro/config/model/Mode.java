package io.gyro.config.model;

/** How the server settles: for real, or recording only (ARCHITECTURE.md §5, pilot mode). */
public enum Mode implements ConfigEnum
{
    /** Rates, reserves and denies service when the balance runs out. */
    PRODUCTION("production"),
    /** Rates and records everything but never denies service; reports what it would have denied. */
    PILOT("pilot");

    private final String configName;

    Mode(final String configName)
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
