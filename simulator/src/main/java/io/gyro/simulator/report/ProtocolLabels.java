package io.gyro.simulator.report;

/**
 * How a protocol names what the reports count: its request types and its result codes.
 */
public interface ProtocolLabels
{
    /** @return one label per request type index, e.g. {@code CCR-I}. */
    String[] requestTypes();

    /**
     * @param code a command-level result.
     * @return a short name for it, e.g. {@code DIAMETER_TOO_BUSY}.
     */
    String resultName(int code);

    /**
     * @param code a command-level result.
     * @return true when it counts as an error in the progress line.
     */
    boolean isError(int code);

    /** @return what the per-service results are called, or null when the protocol has none. */
    String serviceResultLabel();
}
