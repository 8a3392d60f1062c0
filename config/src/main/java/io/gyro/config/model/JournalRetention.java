package io.gyro.config.model;

/** Which of the journal's daily cycle files stay on disk (ARCHITECTURE.md §4). */
public enum JournalRetention implements ConfigEnum
{
    /**
     * After each snapshot, the cycles before the oldest kept snapshot's (and before the CDR writer's checkpoint) are
     * deleted: a restart, or a fall-back to any kept snapshot, never reads them again.
     */
    SNAPSHOTS("snapshots"),
    /** Every cycle stays: the operator archives or deletes them. */
    FOREVER("forever");

    private final String configName;

    JournalRetention(final String configName)
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
