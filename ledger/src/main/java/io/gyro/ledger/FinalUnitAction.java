package io.gyro.ledger;

/** Final-Unit-Action values (RFC 4006 section 8.35), carried by a tariff and echoed with final grants. */
public final class FinalUnitAction
{
    /** TERMINATE (0): end the service when the final units are used. */
    public static final int TERMINATE = 0;
    /** REDIRECT (1): redirect to the tariff's redirect address. */
    public static final int REDIRECT = 1;
    /** RESTRICT_ACCESS (2): apply the tariff's filter rules. */
    public static final int RESTRICT_ACCESS = 2;

    private FinalUnitAction()
    {
    }

    /**
     * Whether the value is a known action.
     *
     * @param action candidate.
     * @return true when known.
     */
    public static boolean isValid(final int action)
    {
        return action >= TERMINATE && action <= RESTRICT_ACCESS;
    }
}
