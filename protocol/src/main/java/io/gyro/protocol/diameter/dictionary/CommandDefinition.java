package io.gyro.protocol.diameter.dictionary;

import java.util.List;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * One Diameter command: its code, the application the dictionary files it under and the Command Code Format
 * of its request and answer (RFC 6733 §3.2), including rules later documents add (TS 32.299 §6.4.2/§6.4.3 for
 * CCR/CCA, RFC 8506 §10.2 for RAR/RAA).
 * <p>
 * An answer with the 'E' bit follows {@link DiameterDictionary#errorAnswerRules()} instead of
 * {@link #answerRules()} (RFC 6733 §7.2). Immutable; the per-AVP rule lookups allocate nothing.
 */
public final class CommandDefinition
{
    private final int code;
    private final long applicationId;
    private final String name;
    private final String abbreviation;
    private final boolean proxiable;
    private final List<AvpRule> requestRules;
    private final List<AvpRule> answerRules;
    private final Long2ObjectHashMap<AvpRule> requestRuleByKey;
    private final Long2ObjectHashMap<AvpRule> answerRuleByKey;
    private final boolean requestAllowsAnyAvp;
    private final boolean answerAllowsAnyAvp;
    private final String source;

    CommandDefinition(
        final int code,
        final long applicationId,
        final String name,
        final String abbreviation,
        final boolean proxiable,
        final List<AvpRule> requestRules,
        final boolean requestAllowsAnyAvp,
        final List<AvpRule> answerRules,
        final boolean answerAllowsAnyAvp,
        final String source)
    {
        this.code = code;
        this.applicationId = applicationId;
        this.name = name;
        this.abbreviation = abbreviation;
        this.proxiable = proxiable;
        this.requestRules = List.copyOf(requestRules);
        this.answerRules = List.copyOf(answerRules);
        this.requestRuleByKey = index(requestRules);
        this.answerRuleByKey = index(answerRules);
        this.requestAllowsAnyAvp = requestAllowsAnyAvp;
        this.answerAllowsAnyAvp = answerAllowsAnyAvp;
        this.source = source;
    }

    private static Long2ObjectHashMap<AvpRule> index(final List<AvpRule> rules)
    {
        final Long2ObjectHashMap<AvpRule> byKey = new Long2ObjectHashMap<>();
        for (final AvpRule rule : rules)
        {
            byKey.put(rule.avp().key(), rule);
        }
        return byKey;
    }

    /**
     * @return the 24-bit Command Code
     */
    public int code()
    {
        return code;
    }

    /**
     * The application the dictionary lists the command under: 0 for CER/DWR/DPR, 3 for ACR, 4 for CCR and
     * for the RAR/ASR an OCS sends. STR is listed under 0 although RFC 6733 §8.4 lets any authorization
     * application send it with its own id in the header; credit control is not one of them (RFC 4006 §5.4), so
     * {@code DiameterValidator} answers an STR with Application-ID 4 3001 COMMAND_UNSUPPORTED.
     *
     * @return the application id (an unsigned 32-bit value)
     */
    public long applicationId()
    {
        return applicationId;
    }

    /**
     * @return the command name without the Request/Answer suffix, e.g. "Credit-Control"
     */
    public String name()
    {
        return name;
    }

    /**
     * @return e.g. "CCR" (RFC 6733 §3.3 naming)
     */
    public String requestAbbreviation()
    {
        return abbreviation + "R";
    }

    /**
     * @return e.g. "CCA" (RFC 6733 §3.3 naming)
     */
    public String answerAbbreviation()
    {
        return abbreviation + "A";
    }

    /**
     * @return true when the request carries PXY in its CCF (RFC 6733 §3.2); false for CER, DWR and DPR,
     * which MUST NOT be proxied
     */
    public boolean proxiable()
    {
        return proxiable;
    }

    /**
     * @return the request CCF in grammar order
     */
    public List<AvpRule> requestRules()
    {
        return requestRules;
    }

    /**
     * @return the answer CCF (for answers without the 'E' bit) in grammar order
     */
    public List<AvpRule> answerRules()
    {
        return answerRules;
    }

    /**
     * Allocation-free lookup of the request rule for one AVP.
     *
     * @param vendorId Vendor-ID, 0 for IETF
     * @param code     AVP Code
     * @return the rule, or null when the CCF does not name the AVP
     */
    public AvpRule requestRule(final int vendorId, final int code)
    {
        return requestRuleByKey.get(AvpDefinition.key(vendorId, code));
    }

    /**
     * Allocation-free lookup of the answer rule for one AVP.
     *
     * @param vendorId Vendor-ID, 0 for IETF
     * @param code     AVP Code
     * @return the rule, or null when the CCF does not name the AVP
     */
    public AvpRule answerRule(final int vendorId, final int code)
    {
        return answerRuleByKey.get(AvpDefinition.key(vendorId, code));
    }

    /**
     * @return true when the request CCF ends with {@code *[AVP]}
     */
    public boolean requestAllowsAnyAvp()
    {
        return requestAllowsAnyAvp;
    }

    /**
     * @return true when the answer CCF ends with {@code *[AVP]}
     */
    public boolean answerAllowsAnyAvp()
    {
        return answerAllowsAnyAvp;
    }

    /**
     * @return the document sections defining the command and any extensions of its CCFs
     */
    public String source()
    {
        return source;
    }

    @Override
    public String toString()
    {
        return name + "(" + code + ", app " + applicationId + ")";
    }
}
