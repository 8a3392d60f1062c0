package io.gyro.ledger;

/**
 * UPDATE_ACCOUNT payload: each field left unset keeps its value. A credit-limit change counts as a credit (or a
 * debit) in the conservation invariant, since it changes what the account may spend.
 */
public final class AccountUpdate
{
    private Long creditLimitMinor;
    private Long lowBalanceThresholdMinor;
    private Integer status;
    private Integer billingDay;

    /**
     * @param amountMinor new credit limit, not negative.
     * @return this.
     */
    public AccountUpdate creditLimitMinor(final long amountMinor)
    {
        this.creditLimitMinor = amountMinor;
        return this;
    }

    /**
     * @param amountMinor new low-balance threshold.
     * @return this.
     */
    public AccountUpdate lowBalanceThresholdMinor(final long amountMinor)
    {
        this.lowBalanceThresholdMinor = amountMinor;
        return this;
    }

    /**
     * @param status {@link AccountStatus#ACTIVE} or {@link AccountStatus#BLOCKED}.
     * @return this.
     */
    public AccountUpdate status(final int status)
    {
        this.status = status;
        return this;
    }

    /**
     * @param day billing day 1..28.
     * @return this.
     */
    public AccountUpdate billingDay(final int day)
    {
        this.billingDay = day;
        return this;
    }

    /**
     * @return new credit limit or null.
     */
    public Long creditLimitMinor()
    {
        return creditLimitMinor;
    }

    /**
     * @return new threshold or null.
     */
    public Long lowBalanceThresholdMinor()
    {
        return lowBalanceThresholdMinor;
    }

    /**
     * @return new status or null.
     */
    public Integer status()
    {
        return status;
    }

    /**
     * @return new billing day or null.
     */
    public Integer billingDay()
    {
        return billingDay;
    }
}
