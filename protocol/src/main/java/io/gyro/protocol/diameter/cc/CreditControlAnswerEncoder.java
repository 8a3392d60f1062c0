package io.gyro.protocol.diameter.cc;

import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.buffer.ByteBuf;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;

/**
 * Writes a Credit-Control-Answer (RFC 4006 §3.2, TS 32.299 §6.4.3) into a pooled buffer without allocating.
 * <p>
 * Order of calls: {@link #begin}, then any of the command-level and MSCC methods, then {@link #finish}.
 * The fixed part follows the CCA ABNF: {@code <Session-Id> {Result-Code} {Origin-Host} {Origin-Realm}
 * {Auth-Application-Id} {CC-Request-Type} {CC-Request-Number}}; Proxy-Info AVPs are echoed at the end.
 * 3GPP (vendor 10415) AVPs are written with the V bit only unless the caller asks for the M bit (TS 32.299
 * marks them "must" in places, but PGWs accept either: PROTOCOLS.md §4 item 5); whether to send them at all
 * is the server's decision per peer. Not thread safe; one per event loop.
 */
public final class CreditControlAnswerEncoder
{
    private final DiameterEncoder encoder = new DiameterEncoder();
    private RequestEcho echo;

    /**
     * Start an answer.
     *
     * @param buffer          to write into.
     * @param echo            what the answer copies from its request.
     * @param resultCode      command-level Result-Code.
     * @param originHost      our Origin-Host as ASCII octets.
     * @param originRealm     our Origin-Realm as ASCII octets.
     * @param ccRequestType   echoed CC-Request-Type; -1 to leave out (it was missing from the request).
     * @param ccRequestNumber echoed CC-Request-Number; -1 to leave out.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder begin(
        final ByteBuf buffer,
        final RequestEcho echo,
        final long resultCode,
        final byte[] originHost,
        final byte[] originRealm,
        final int ccRequestType,
        final long ccRequestNumber)
    {
        this.echo = echo;
        encoder.wrap(buffer);
        echo.writeAnswerHeader(encoder, false);
        echo.writeSessionId(encoder);
        encoder.uint32(AvpCode.RESULT_CODE, FLAG_MANDATORY, 0, resultCode);
        encoder.octets(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, originHost);
        encoder.octets(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, originRealm);
        encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, ApplicationIds.CREDIT_CONTROL);
        if (ccRequestType >= 0)
        {
            encoder.int32(AvpCode.CC_REQUEST_TYPE, FLAG_MANDATORY, 0, ccRequestType);
        }
        if (ccRequestNumber >= 0)
        {
            encoder.uint32(AvpCode.CC_REQUEST_NUMBER, FLAG_MANDATORY, 0, ccRequestNumber);
        }
        return this;
    }

    /** @return the underlying encoder, for AVPs this class has no method for (Failed-AVP, Error-Message). */
    public DiameterEncoder encoder()
    {
        return encoder;
    }

    /**
     * Command-level Granted-Service-Unit (used when the request carried RSU without MSCC).
     *
     * @param units the granted units.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder grantedServiceUnit(final ServiceUnits units)
    {
        encoder.beginGroup(AvpCode.GRANTED_SERVICE_UNIT, FLAG_MANDATORY, 0);
        units.writeTo(encoder);
        encoder.endGroup();
        return this;
    }

    /**
     * Command-level Granted-Service-Unit with one unit kind.
     *
     * @param kind  {@link ServiceUnits#TIME}, {@link ServiceUnits#TOTAL_OCTETS} or
     *              {@link ServiceUnits#SERVICE_SPECIFIC_UNITS}.
     * @param value granted amount.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder grantedServiceUnit(final int kind, final long value)
    {
        encoder.beginGroup(AvpCode.GRANTED_SERVICE_UNIT, FLAG_MANDATORY, 0);
        writeUnit(kind, value);
        encoder.endGroup();
        return this;
    }

    private void writeUnit(final int kind, final long value)
    {
        switch (kind)
        {
            case ServiceUnits.TIME -> encoder.uint32(AvpCode.CC_TIME, FLAG_MANDATORY, 0, value);
            case ServiceUnits.TOTAL_OCTETS -> encoder.uint64(AvpCode.CC_TOTAL_OCTETS, FLAG_MANDATORY, 0, value);
            case ServiceUnits.INPUT_OCTETS -> encoder.uint64(AvpCode.CC_INPUT_OCTETS, FLAG_MANDATORY, 0, value);
            case ServiceUnits.OUTPUT_OCTETS -> encoder.uint64(AvpCode.CC_OUTPUT_OCTETS, FLAG_MANDATORY, 0, value);
            case ServiceUnits.SERVICE_SPECIFIC_UNITS ->
                encoder.uint64(AvpCode.CC_SERVICE_SPECIFIC_UNITS, FLAG_MANDATORY, 0, value);
            default -> throw new IllegalArgumentException("unit kind " + kind);
        }
    }

    /**
     * Open a Multiple-Services-Credit-Control AVP; close it with {@link #endMscc()}.
     *
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder beginMscc()
    {
        encoder.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, FLAG_MANDATORY, 0);
        return this;
    }

    /**
     * Granted-Service-Unit inside the open MSCC.
     *
     * @param kind  unit kind constant of {@link ServiceUnits}.
     * @param value granted amount.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder msccGranted(final int kind, final long value)
    {
        return grantedServiceUnit(kind, value);
    }

    /**
     * @param ratingGroup Rating-Group echoed from the request's MSCC.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder ratingGroup(final long ratingGroup)
    {
        encoder.uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, ratingGroup);
        return this;
    }

    /**
     * @param serviceIdentifier Service-Identifier echoed from the request's MSCC.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder serviceIdentifier(final long serviceIdentifier)
    {
        encoder.uint32(AvpCode.SERVICE_IDENTIFIER, FLAG_MANDATORY, 0, serviceIdentifier);
        return this;
    }

    /**
     * Per-service Result-Code inside the open MSCC (RFC 4006 §8.16).
     *
     * @param resultCode the code.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder resultCode(final long resultCode)
    {
        encoder.uint32(AvpCode.RESULT_CODE, FLAG_MANDATORY, 0, resultCode);
        return this;
    }

    /**
     * Validity-Time (RFC 4006 §8.33), inside the MSCC or at command level.
     *
     * @param seconds from the receipt of this answer.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder validityTime(final long seconds)
    {
        encoder.uint32(AvpCode.VALIDITY_TIME, FLAG_MANDATORY, 0, seconds);
        return this;
    }

    /**
     * Final-Unit-Indication with TERMINATE, or with RESTRICT_ACCESS and no filter (RFC 4006 §8.34).
     *
     * @param finalUnitAction 0 TERMINATE, 1 REDIRECT, 2 RESTRICT_ACCESS.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder finalUnitIndication(final int finalUnitAction)
    {
        encoder.beginGroup(AvpCode.FINAL_UNIT_INDICATION, FLAG_MANDATORY, 0);
        encoder.int32(AvpCode.FINAL_UNIT_ACTION, FLAG_MANDATORY, 0, finalUnitAction);
        encoder.endGroup();
        return this;
    }

    /**
     * Final-Unit-Indication REDIRECT with its required Redirect-Server (RFC 4006 §8.34, §8.37).
     *
     * @param redirectAddressType 0 IPv4, 1 IPv6, 2 URL, 3 SIP URI.
     * @param redirectAddress     the address as UTF-8 octets.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder finalUnitRedirect(final int redirectAddressType, final byte[] redirectAddress)
    {
        encoder.beginGroup(AvpCode.FINAL_UNIT_INDICATION, FLAG_MANDATORY, 0);
        encoder.int32(AvpCode.FINAL_UNIT_ACTION, FLAG_MANDATORY, 0, 1);
        encoder.beginGroup(AvpCode.REDIRECT_SERVER, FLAG_MANDATORY, 0);
        encoder.int32(AvpCode.REDIRECT_ADDRESS_TYPE, FLAG_MANDATORY, 0, redirectAddressType);
        encoder.octets(AvpCode.REDIRECT_SERVER_ADDRESS, FLAG_MANDATORY, 0, redirectAddress);
        encoder.endGroup();
        encoder.endGroup();
        return this;
    }

    /**
     * Final-Unit-Indication RESTRICT_ACCESS with the filters the access is restricted to: Restriction-Filter-Rules
     * and a Filter-Id naming a filter configured on the client (RFC 4006 §5.6.3, §8.34, §8.36; Filter-Id is
     * RFC 7155 §4.4.7, UTF8String with the M bit).
     *
     * @param filterRules IPFilterRule texts as ASCII octets.
     * @param filterId    Filter-Id as UTF-8 octets, or null for none.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder finalUnitRestrictAccess(final byte[][] filterRules, final byte[] filterId)
    {
        encoder.beginGroup(AvpCode.FINAL_UNIT_INDICATION, FLAG_MANDATORY, 0);
        encoder.int32(AvpCode.FINAL_UNIT_ACTION, FLAG_MANDATORY, 0, 2);
        for (final byte[] rule : filterRules)
        {
            encoder.octets(AvpCode.RESTRICTION_FILTER_RULE, FLAG_MANDATORY, 0, rule);
        }
        if (null != filterId)
        {
            encoder.octets(AvpCode.FILTER_ID, FLAG_MANDATORY, 0, filterId);
        }
        encoder.endGroup();
        return this;
    }

    /**
     * 3GPP Volume-Quota-Threshold (TS 32.299 §7.2.222).
     *
     * @param octets    threshold.
     * @param mandatory whether to set the M bit.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder volumeQuotaThreshold(final long octets, final boolean mandatory)
    {
        encoder.uint32(AvpCode.VOLUME_QUOTA_THRESHOLD, mandatory ? FLAG_MANDATORY : 0, VendorId.TGPP, octets);
        return this;
    }

    /**
     * 3GPP Time-Quota-Threshold (TS 32.299 §7.2.214).
     *
     * @param seconds   threshold.
     * @param mandatory whether to set the M bit.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder timeQuotaThreshold(final long seconds, final boolean mandatory)
    {
        encoder.uint32(AvpCode.TIME_QUOTA_THRESHOLD, mandatory ? FLAG_MANDATORY : 0, VendorId.TGPP, seconds);
        return this;
    }

    /**
     * 3GPP Unit-Quota-Threshold (TS 32.299 §7.2.219).
     *
     * @param units     threshold.
     * @param mandatory whether to set the M bit.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder unitQuotaThreshold(final long units, final boolean mandatory)
    {
        encoder.uint32(AvpCode.UNIT_QUOTA_THRESHOLD, mandatory ? FLAG_MANDATORY : 0, VendorId.TGPP, units);
        return this;
    }

    /**
     * 3GPP Quota-Holding-Time (TS 32.299 §7.2.157).
     *
     * @param seconds   idle time after which the client reports and releases the quota; 0 disables.
     * @param mandatory whether to set the M bit.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder quotaHoldingTime(final long seconds, final boolean mandatory)
    {
        encoder.uint32(AvpCode.QUOTA_HOLDING_TIME, mandatory ? FLAG_MANDATORY : 0, VendorId.TGPP, seconds);
        return this;
    }

    /**
     * Close the MSCC opened by {@link #beginMscc()}.
     *
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder endMscc()
    {
        encoder.endGroup();
        return this;
    }

    /**
     * Failed-AVP (RFC 6733 §7.5) naming a service that could not be served: its Service-Identifier and Rating-Group
     * as the request gave them, or a Rating-Group of 0 as the example of the missing AVP when it gave neither
     * (RFC 4006 §9.2 for 5031).
     *
     * @param serviceIdentifier Service-Identifier, or -1 when the service had none.
     * @param ratingGroup       Rating-Group, or -1 when the service had none.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder failedService(final long serviceIdentifier, final long ratingGroup)
    {
        encoder.beginGroup(AvpCode.FAILED_AVP, FLAG_MANDATORY, 0);
        if (serviceIdentifier >= 0)
        {
            encoder.uint32(AvpCode.SERVICE_IDENTIFIER, FLAG_MANDATORY, 0, serviceIdentifier);
        }
        if (ratingGroup >= 0 || serviceIdentifier < 0)
        {
            encoder.uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, Math.max(0, ratingGroup));
        }
        encoder.endGroup();
        return this;
    }

    /**
     * Cost-Information (RFC 4006 §8.7), answering PRICE_ENQUIRY.
     *
     * @param valueDigits  cost digits.
     * @param exponent     decimal exponent (cost = digits x 10^exponent).
     * @param currencyCode ISO 4217 numeric code.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder costInformation(final long valueDigits, final int exponent, final int currencyCode)
    {
        encoder.beginGroup(AvpCode.COST_INFORMATION, FLAG_MANDATORY, 0);
        encoder.beginGroup(AvpCode.UNIT_VALUE, FLAG_MANDATORY, 0);
        encoder.int64(AvpCode.VALUE_DIGITS, FLAG_MANDATORY, 0, valueDigits);
        encoder.int32(AvpCode.EXPONENT, FLAG_MANDATORY, 0, exponent);
        encoder.endGroup();
        encoder.uint32(AvpCode.CURRENCY_CODE, FLAG_MANDATORY, 0, currencyCode);
        encoder.endGroup();
        return this;
    }

    /**
     * Check-Balance-Result (RFC 4006 §8.6), answering CHECK_BALANCE.
     *
     * @param result 0 ENOUGH_CREDIT, 1 NO_CREDIT.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder checkBalanceResult(final int result)
    {
        encoder.int32(AvpCode.CHECK_BALANCE_RESULT, FLAG_MANDATORY, 0, result);
        return this;
    }

    /**
     * 3GPP Low-Balance-Indication (TS 32.299 §7.2.98).
     *
     * @param mandatory whether to set the M bit.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder lowBalanceIndication(final boolean mandatory)
    {
        encoder.int32(AvpCode.LOW_BALANCE_INDICATION, mandatory ? FLAG_MANDATORY : 0, VendorId.TGPP, 1);
        return this;
    }

    /**
     * Credit-Control-Failure-Handling (RFC 4006 §8.14), overriding the client's configured value.
     *
     * @param value 0 TERMINATE, 1 CONTINUE, 2 RETRY_AND_TERMINATE.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder creditControlFailureHandling(final int value)
    {
        encoder.int32(AvpCode.CREDIT_CONTROL_FAILURE_HANDLING, FLAG_MANDATORY, 0, value);
        return this;
    }

    /**
     * Direct-Debiting-Failure-Handling (RFC 4006 §8.15).
     *
     * @param value 0 TERMINATE_OR_BUFFER, 1 CONTINUE.
     * @return this for chaining.
     */
    public CreditControlAnswerEncoder directDebitingFailureHandling(final int value)
    {
        encoder.int32(AvpCode.DIRECT_DEBITING_FAILURE_HANDLING, FLAG_MANDATORY, 0, value);
        return this;
    }

    /**
     * Echo the request's Proxy-Info AVPs and back-patch the message length.
     *
     * @return the answer's length in octets.
     */
    public int finish()
    {
        echo.writeProxyInfos(encoder);
        return encoder.finish();
    }
}
