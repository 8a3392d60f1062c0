package io.gyro.config.model;

/**
 * Credit-Control-Failure-Handling (AVP 427, RFC 4006 §8.14) sent to a peer in CCAs; it overrides the
 * client's own setting (RFC 4006 §5.7).
 */
public enum CreditControlFailureHandling implements ConfigEnum
{
    /** The AVP is not sent: the client keeps its configured behaviour. */
    NONE("none", -1),
    /** TERMINATE (0): end the session if the server cannot be reached. */
    TERMINATE("terminate", 0),
    /** CONTINUE (1): keep the service running and fail over or let it go uncharged. */
    CONTINUE("continue", 1),
    /** RETRY_AND_TERMINATE (2): retry with an alternate server, end the session if that fails too. */
    RETRY_AND_TERMINATE("retry-and-terminate", 2);

    private final String configName;

    private final int avpValue;

    CreditControlFailureHandling(final String configName, final int avpValue)
    {
        this.configName = configName;
        this.avpValue = avpValue;
    }

    /** @return the Enumerated value of AVP 427, or -1 for {@link #NONE} (not sent). */
    public int avpValue()
    {
        return avpValue;
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
