package io.gyro.ledger;

/**
 * Subscriber identity types. The first four values equal Subscription-Id-Type (RFC 4006 section 8.47) so the
 * server can copy it; the others are ledger-specific. Stable: written to the journal.
 */
public final class IdentityType
{
    /** E.164 MSISDN, digits only (Subscription-Id-Type END_USER_E164 = 0). */
    public static final int E164 = 0;
    /** IMSI, digits only (END_USER_IMSI = 1). */
    public static final int IMSI = 1;
    /** SIP URI (END_USER_SIP_URI = 2). */
    public static final int SIP_URI = 2;
    /** NAI or RADIUS User-Name (END_USER_NAI = 3). */
    public static final int NAI = 3;
    /** Operator-private identifier (END_USER_PRIVATE = 4). */
    public static final int PRIVATE = 4;
    /** The ledger's own account id as ASCII decimal digits (admin use). */
    public static final int ACCOUNT_ID = 7;

    private IdentityType()
    {
    }

    /**
     * Whether the value is a known identity type.
     *
     * @param type candidate.
     * @return true when known.
     */
    public static boolean isValid(final int type)
    {
        return (type >= E164 && type <= PRIVATE) || type == ACCOUNT_ID;
    }

    /**
     * Short name for logs and the journal dump (not for the hot path).
     *
     * @param type identity type.
     * @return the name.
     */
    public static String name(final int type)
    {
        switch (type)
        {
            case E164: return "E164";
            case IMSI: return "IMSI";
            case SIP_URI: return "SIP_URI";
            case NAI: return "NAI";
            case PRIVATE: return "PRIVATE";
            case ACCOUNT_ID: return "ACCOUNT_ID";
            default: return "TYPE_" + type;
        }
    }
}
