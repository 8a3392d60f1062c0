package io.gyro.config.model;

/** Final-Unit-Action (AVP 449, RFC 4006 §8.35) sent with the last grant a balance allows. */
public enum FinalUnitAction implements ConfigEnum
{
    /** TERMINATE (0): end the service when the final units are used. */
    TERMINATE("terminate", 0),
    /** REDIRECT (1): send the user to a top-up portal (needs Redirect-Server, RFC 4006 §8.37). */
    REDIRECT("redirect", 1),
    /** RESTRICT_ACCESS (2): let only traffic matching the restriction filter through. */
    RESTRICT_ACCESS("restrict-access", 2);

    private final String configName;

    private final int avpValue;

    FinalUnitAction(final String configName, final int avpValue)
    {
        this.configName = configName;
        this.avpValue = avpValue;
    }

    /** @return the Enumerated value of AVP 449. */
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
