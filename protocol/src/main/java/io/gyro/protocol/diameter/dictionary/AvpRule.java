package io.gyro.protocol.diameter.dictionary;

/**
 * One line of a Command Code Format or grouped-AVP grammar (RFC 6733 §3.2, §4.4): which AVP, how often it
 * may appear and whether its position is fixed.
 * <pre>
 *   &lt;Session-Id&gt;        fixedFirst, min 1, max 1
 *   { Origin-Host }     min 1, max 1
 *   [ User-Name ]       min 0, max 1
 *  *[ Proxy-Info ]      min 0, max unbounded
 * 1*{ Host-IP-Address } min 1, max unbounded
 * </pre>
 * Immutable.
 */
public final class AvpRule
{
    /** {@link #maxOccurs()} of a rule with no upper bound ({@code *[AVP]}). */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    private final AvpDefinition avp;
    private final int minOccurs;
    private final int maxOccurs;
    private final boolean fixedFirst;
    private final int index;
    private final String source;

    AvpRule(
        final AvpDefinition avp,
        final int minOccurs,
        final int maxOccurs,
        final boolean fixedFirst,
        final int index,
        final String source)
    {
        this.avp = avp;
        this.minOccurs = minOccurs;
        this.maxOccurs = maxOccurs;
        this.fixedFirst = fixedFirst;
        this.index = index;
        this.source = source;
    }

    /**
     * @return the AVP this rule constrains
     */
    public AvpDefinition avp()
    {
        return avp;
    }

    /**
     * @return the fewest occurrences allowed; above 0 means a missing AVP is 5005 DIAMETER_MISSING_AVP
     */
    public int minOccurs()
    {
        return minOccurs;
    }

    /**
     * @return the most occurrences allowed: {@link #UNBOUNDED} for {@code *}, 0 when the AVP MUST NOT appear
     * (5008 DIAMETER_AVP_NOT_ALLOWED), otherwise the limit past which 5009 DIAMETER_AVP_OCCURS_TOO_MANY_TIMES
     * applies (RFC 6733 §7.1.5)
     */
    public int maxOccurs()
    {
        return maxOccurs;
    }

    /**
     * @return true for the ABNF {@code < AVP >}: the AVP must come first after the header (RFC 6733 §3.2)
     */
    public boolean fixedFirst()
    {
        return fixedFirst;
    }

    /**
     * @return true when the AVP must be present at least once
     */
    public boolean isRequired()
    {
        return minOccurs > 0;
    }

    /**
     * @return true when the AVP must not be present at all
     */
    public boolean isForbidden()
    {
        return 0 == maxOccurs;
    }

    /**
     * Whether a number of occurrences satisfies this rule.
     *
     * @param count how many times the AVP appeared
     * @return true when {@code minOccurs <= count <= maxOccurs}
     */
    public boolean allowsCount(final int count)
    {
        return count >= minOccurs && count <= maxOccurs;
    }

    /**
     * Position of this rule in its list, so a validator can count occurrences in a preallocated
     * {@code int[rules.size()]} instead of a map.
     *
     * @return the 0-based index in {@link CommandDefinition#requestRules()}, {@link CommandDefinition#answerRules()},
     * {@link AvpDefinition#groupRules()} or {@link DiameterDictionary#errorAnswerRules()}
     */
    public int index()
    {
        return index;
    }

    /**
     * @return the document section the rule comes from (the 3GPP and RFC 8506 additions name their own)
     */
    public String source()
    {
        return source;
    }

    @Override
    public String toString()
    {
        final String max = UNBOUNDED == maxOccurs ? "*" : Integer.toString(maxOccurs);
        return (fixedFirst ? "<" : "") + avp.name() + (fixedFirst ? ">" : "") + " " + minOccurs + ".." + max;
    }
}
