package io.gyro.ledger;

/** Account status values, stable in the journal. */
public final class AccountStatus
{
    /** Services are granted. */
    public static final int ACTIVE = 0;
    /** New grants are denied with END_USER_SERVICE_DENIED; reported usage is still charged. */
    public static final int BLOCKED = 1;
    /** Deleted: the slot is kept so account ids are never reused. */
    public static final int DELETED = 2;

    private AccountStatus()
    {
    }

    /**
     * Name for logs and views.
     *
     * @param status status value.
     * @return the name.
     */
    public static String name(final int status)
    {
        switch (status)
        {
            case ACTIVE: return "active";
            case BLOCKED: return "blocked";
            case DELETED: return "deleted";
            default: return "status_" + status;
        }
    }
}
