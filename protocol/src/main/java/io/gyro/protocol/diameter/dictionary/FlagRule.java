package io.gyro.protocol.diameter.dictionary;

/**
 * One cell of an AVP flag-rule table (RFC 6733 §4.5 "AVP Flag rules", RFC 8506 §8): what the defining
 * document says about one header bit of one AVP.
 */
public enum FlagRule
{
    /** The bit MUST be set. */
    MUST,
    /** The sender chooses. */
    MAY,
    /** The bit MUST NOT be set. */
    MUST_NOT;

    /**
     * Whether a received bit value obeys this rule.
     *
     * @param bitSet the bit as received
     * @return true when the rule allows that value
     */
    public boolean allows(final boolean bitSet)
    {
        switch (this)
        {
            case MUST:
                return bitSet;
            case MUST_NOT:
                return !bitSet;
            default:
                return true;
        }
    }
}
