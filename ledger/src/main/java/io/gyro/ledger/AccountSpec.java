package io.gyro.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * CREATE_ACCOUNT payload: identities, opening balance, credit limit, buckets and an optional credential. Built
 * fluently on an admin thread; the ledger validates it and journals what it decided.
 */
public final class AccountSpec
{
    /** Billing days run 1..28 so that every month has the day (monthly tier periods). */
    public static final int MAX_BILLING_DAY = 28;

    private final List<Integer> identityTypes = new ArrayList<>();
    private final List<byte[]> identities = new ArrayList<>();
    private final List<BucketSpec> buckets = new ArrayList<>();
    private long openingBalanceMinor;
    private long creditLimitMinor;
    private long lowBalanceThresholdMinor;
    private int status = AccountStatus.ACTIVE;
    private int billingDay = 1;
    private byte[] credential;

    /**
     * Add an identity.
     *
     * @param type  {@link IdentityType}.
     * @param value identity bytes.
     * @return this.
     */
    public AccountSpec identity(final int type, final byte[] value)
    {
        identityTypes.add(type);
        identities.add(value.clone());
        return this;
    }

    /**
     * Add an identity given as text (UTF-8).
     *
     * @param type  {@link IdentityType}.
     * @param value identity text.
     * @return this.
     */
    public AccountSpec identity(final int type, final String value)
    {
        return identity(type, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param amountMinor opening money balance, minor units.
     * @return this.
     */
    public AccountSpec openingBalanceMinor(final long amountMinor)
    {
        this.openingBalanceMinor = amountMinor;
        return this;
    }

    /**
     * @param amountMinor credit limit (0 = prepaid), minor units, not negative.
     * @return this.
     */
    public AccountSpec creditLimitMinor(final long amountMinor)
    {
        this.creditLimitMinor = amountMinor;
        return this;
    }

    /**
     * @param amountMinor balance under which answers carry {@code lowBalance}; 0 = never.
     * @return this.
     */
    public AccountSpec lowBalanceThresholdMinor(final long amountMinor)
    {
        this.lowBalanceThresholdMinor = amountMinor;
        return this;
    }

    /**
     * @param status {@link AccountStatus#ACTIVE} or {@link AccountStatus#BLOCKED}.
     * @return this.
     */
    public AccountSpec status(final int status)
    {
        this.status = status;
        return this;
    }

    /**
     * @param day day of month (1..28) on which the monthly tier period starts.
     * @return this.
     */
    public AccountSpec billingDay(final int day)
    {
        this.billingDay = day;
        return this;
    }

    /**
     * @param credential opaque credential bytes (for RADIUS authentication by the server), or null.
     * @return this.
     */
    public AccountSpec credential(final byte[] credential)
    {
        this.credential = credential == null ? null : credential.clone();
        return this;
    }

    /**
     * @param bucket bucket to create with the account.
     * @return this.
     */
    public AccountSpec bucket(final BucketSpec bucket)
    {
        buckets.add(bucket);
        return this;
    }

    /**
     * @return number of identities.
     */
    public int identityCount()
    {
        return identities.size();
    }

    /**
     * @param i index.
     * @return identity type at i.
     */
    public int identityType(final int i)
    {
        return identityTypes.get(i);
    }

    /**
     * @param i index.
     * @return identity bytes at i (do not modify).
     */
    public byte[] identity(final int i)
    {
        return identities.get(i);
    }

    /**
     * @return the buckets (unmodifiable).
     */
    public List<BucketSpec> buckets()
    {
        return Collections.unmodifiableList(buckets);
    }

    /**
     * @return opening balance, minor units.
     */
    public long openingBalanceMinor()
    {
        return openingBalanceMinor;
    }

    /**
     * @return credit limit, minor units.
     */
    public long creditLimitMinor()
    {
        return creditLimitMinor;
    }

    /**
     * @return low-balance threshold, minor units.
     */
    public long lowBalanceThresholdMinor()
    {
        return lowBalanceThresholdMinor;
    }

    /**
     * @return initial status.
     */
    public int status()
    {
        return status;
    }

    /**
     * @return billing day 1..28.
     */
    public int billingDay()
    {
        return billingDay;
    }

    /**
     * @return credential bytes or null.
     */
    public byte[] credential()
    {
        return credential;
    }

    /**
     * Validate ranges (identity uniqueness is checked by the ledger).
     *
     * @return null when valid, else what is wrong, naming the value.
     */
    public String validate()
    {
        if (identities.isEmpty() || identities.size() > LedgerLimits.MAX_IDENTITIES_PER_ACCOUNT)
        {
            return "account needs 1.." + LedgerLimits.MAX_IDENTITIES_PER_ACCOUNT + " identities: " +
                identities.size();
        }
        for (int i = 0; i < identities.size(); i++)
        {
            final int type = identityTypes.get(i);
            final int length = identities.get(i).length;
            if (!IdentityType.isValid(type) || type == IdentityType.ACCOUNT_ID)
            {
                return "identity " + i + " has an unusable type: " + type;
            }
            if (length == 0 || length > LedgerLimits.MAX_IDENTITY_LENGTH)
            {
                return "identity " + i + " length outside 1.." + LedgerLimits.MAX_IDENTITY_LENGTH + ": " + length;
            }
        }
        final long max = LedgerLimits.MAX_AMOUNT_MINOR;
        if (openingBalanceMinor < -max || openingBalanceMinor > max)
        {
            return "opening balance outside -" + max + ".." + max + ": " + openingBalanceMinor;
        }
        if (creditLimitMinor < 0 || creditLimitMinor > max)
        {
            return "credit limit outside 0.." + max + ": " + creditLimitMinor;
        }
        if (lowBalanceThresholdMinor < 0 || lowBalanceThresholdMinor > max)
        {
            return "low-balance threshold outside 0.." + max + ": " + lowBalanceThresholdMinor;
        }
        if (status != AccountStatus.ACTIVE && status != AccountStatus.BLOCKED)
        {
            return "initial status must be active or blocked: " + status;
        }
        if (billingDay < 1 || billingDay > MAX_BILLING_DAY)
        {
            return "billing day outside 1.." + MAX_BILLING_DAY + ": " + billingDay;
        }
        if (credential != null && credential.length > Short.MAX_VALUE)
        {
            return "credential too long: " + credential.length;
        }
        for (final BucketSpec bucket : buckets)
        {
            final String error = bucket.validate();
            if (error != null)
            {
                return error;
            }
        }
        return null;
    }
}
