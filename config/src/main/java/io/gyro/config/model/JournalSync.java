package io.gyro.config.model;

/** When the journal forces its writes to the storage device (ARCHITECTURE.md §4). */
public enum JournalSync implements ConfigEnum
{
    /**
     * Never forces: the memory-mapped journal survives a process crash (kill -9) because the pages belong to
     * the kernel, but a power loss or kernel crash can lose the last answered changes.
     */
    NONE("none"),
    /** Forces once per batch, before the answers of that batch are released: survives power loss. */
    BATCH("batch");

    private final String configName;

    JournalSync(final String configName)
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
