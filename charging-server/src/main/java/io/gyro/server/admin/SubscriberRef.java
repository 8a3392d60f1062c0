package io.gyro.server.admin;

import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerCommand;

/**
 * The {@code {subscriber}} path segment: an MSISDN (digits), or {@code type:value} with type {@code msisdn},
 * {@code imsi}, {@code nai}, {@code private} or {@code account} (the ledger's account id); a value starting with
 * {@code sip:} is a SIP URI as a whole.
 *
 * @param identityType ledger identity type ({@link IdentityType#ACCOUNT_ID} for an account id).
 * @param value        the value.
 */
record SubscriberRef(int identityType, String value)
{
    static SubscriberRef parse(final String segment)
    {
        if (Fields.digits(segment, 1, Fields.MAX_MSISDN_DIGITS))
        {
            return new SubscriberRef(IdentityType.E164, segment);
        }
        if (segment.startsWith("sip:") || segment.startsWith("sips:"))
        {
            return new SubscriberRef(IdentityType.SIP_URI, segment);
        }
        final int colon = segment.indexOf(':');
        if (colon <= 0 || colon == segment.length() - 1)
        {
            throw ApiException.badRequest("subscriber", "'" + segment + "' is neither an MSISDN (digits) nor " +
                "type:value (msisdn, imsi, nai, private, account)");
        }
        final String type = segment.substring(0, colon);
        final String value = segment.substring(colon + 1);
        if ("account".equals(type))
        {
            if (!Fields.digits(value, 1, 10))
            {
                throw ApiException.badRequest("subscriber", "an account id is a positive number: '" + value + "'");
            }
            return new SubscriberRef(IdentityType.ACCOUNT_ID, value);
        }
        final int identityType = Fields.identityType(type, "subscriber", "msisdn, imsi, nai, sip_uri, private, account");
        return new SubscriberRef(identityType, Fields.identityValue(identityType, value, "subscriber"));
    }

    /**
     * Name the subscriber in a command.
     *
     * @param command the slot being filled.
     */
    void fill(final LedgerCommand command)
    {
        command.addIdentity(identityType, value.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0,
            value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Override
    public String toString()
    {
        return IdentityType.ACCOUNT_ID == identityType ? "account:" + value :
            Fields.identityTypeName(identityType) + ":" + value;
    }
}
