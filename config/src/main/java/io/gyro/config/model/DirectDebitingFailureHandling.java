package io.gyro.config.model;

/** Direct-Debiting-Failure-Handling (AVP 428, RFC 4006 §8.15) sent to a peer in CCAs. */
public enum DirectDebitingFailureHandling implements ConfigEnum
{
    /** The AVP is not sent: the client keeps its configured behaviour. */
    NONE("none", -1),
    /** TERMINATE_OR_BUFFER (0): refuse the service, or buffer the request and retry it with the T flag. */
    TERMINATE_OR_BUFFER("terminate-or-buffer", 0),
    /** CONTINUE (1): grant the service even though the debit could not be made. */
    CONTINUE("continue", 1);

    private final String configName;

    private final int avpValue;

    DirectDebitingFailureHandling(final String configName, final int avpValue)
    {
        this.configName = configName;
        this.avpValue = avpValue;
    }

    /** @return the Enumerated value of AVP 428, or -1 for {@link #NONE} (not sent). */
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
