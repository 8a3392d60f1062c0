package io.gyro.simulator.pgw;

import org.agrona.concurrent.NanoClock;

import java.util.List;

/**
 * The connections that share one event loop, ticked together: one timer per loop, not one per connection, so a
 * 100 us pacing tick costs one wake-up per loop. Runs on that loop only.
 */
final class ConnectionGroup implements Runnable
{
    private final PgwConnection[] connections;
    private final NanoClock clock;

    ConnectionGroup(final List<PgwConnection> connections, final NanoClock clock)
    {
        this.connections = connections.toArray(new PgwConnection[0]);
        this.clock = clock;
    }

    @Override
    public void run()
    {
        final long nowNs = clock.nanoTime();
        for (final PgwConnection connection : connections)
        {
            connection.onTick(nowNs);
        }
    }
}
