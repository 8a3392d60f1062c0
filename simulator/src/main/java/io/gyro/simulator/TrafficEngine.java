package io.gyro.simulator;

import io.gyro.simulator.report.ConnectionStats;
import io.gyro.simulator.report.ProtocolLabels;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The protocol half of a run (Diameter PGWs or RADIUS BRASes); {@link SimulatorRunner} does the rest: pacing
 * the reporter, stopping at the deadline, reporting and verifying. Lifecycle: {@link #connect}, {@link #start},
 * optionally {@link #stop}, wait for {@link #completion()}, {@link #close()}.
 */
public interface TrafficEngine extends AutoCloseable
{
    /** @return names of request types and result codes. */
    ProtocolLabels labels();

    /** @return one stats object per connection, written by the connections' event loops. */
    List<ConnectionStats> stats();

    /**
     * Open every connection and finish its handshake (Diameter CER/CEA).
     *
     * @param timeout longest wait.
     * @throws Exception when a connection cannot be opened or is refused.
     */
    void connect(Duration timeout) throws Exception;

    /**
     * Begin sending.
     *
     * @param startNs the first intended send time, on the engine's clock.
     */
    void start(long startNs);

    /** @return completes when every connection has drained (count reached, or after {@link #stop()}). */
    CompletableFuture<Void> completion();

    /** Stop starting sessions and end the open ones (CCR-T / Accounting Stop). Idempotent. */
    void stop();

    /** Say goodbye (Diameter DPR/DPA), close every connection, release threads. Idempotent. */
    @Override
    void close();
}
