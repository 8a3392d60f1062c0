package io.gyro.config.model;

/** How the ledger thread waits for commands on the Disruptor ring (LMAX Disruptor wait strategies). */
public enum WaitStrategy implements ConfigEnum
{
    /** Lock and condition: lowest CPU, highest wake-up latency. */
    BLOCKING("blocking"),
    /** Spin, yield, then park briefly: low latency without pinning a core (the default for a 2-core box). */
    SLEEPING("sleeping"),
    /** Spin then Thread.yield: low latency, keeps a core busy. */
    YIELDING("yielding"),
    /** Pure spin: lowest latency, burns a whole core; only with a core to spare. */
    BUSY_SPIN("busy-spin");

    private final String configName;

    WaitStrategy(final String configName)
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
