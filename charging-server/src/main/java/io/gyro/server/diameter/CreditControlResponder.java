package io.gyro.server.diameter;

import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.rating.Tariff;
import io.gyro.protocol.diameter.cc.CreditControlAnswerEncoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.CcRequestType;
import io.gyro.protocol.diameter.dictionary.CheckBalanceResult;
import io.gyro.protocol.diameter.dictionary.RequestedAction;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.netty.buffer.ByteBuf;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Writes the CCA for a processed request (RFC 4006 §3.2, §5, §6; TS 32.299 §6.4.3) from the ledger's copied
 * results, on the lane's event loop. Where each Result-Code goes (issue 4): 5030/4010 at command level; per-MSCC
 * 4012/5031 inside the MSCC with 2001 at command level, except that a request whose only MSCC failed with 4012
 * carries 4012 at command level too; CCR-T gets no GSU. Not thread safe; one per lane.
 */
final class CreditControlResponder
{
    private final CreditControlAnswerEncoder encoder = new CreditControlAnswerEncoder();
    private final byte[] originHost;
    private final byte[] originRealm;
    private final int currencyCode;
    private final int moneyScale;
    private final boolean lowBalanceIndication;
    private volatile Long2ObjectHashMap<FinalUnitPolicy> finalUnitPolicies;

    CreditControlResponder(
        final DiameterNode node,
        final int currencyCode,
        final int moneyScale,
        final boolean lowBalanceIndication,
        final Long2ObjectHashMap<FinalUnitPolicy> finalUnitPolicies)
    {
        this.originHost = node.originHostBytes();
        this.originRealm = node.originRealmBytes();
        this.currencyCode = currencyCode;
        this.moneyScale = moneyScale;
        this.lowBalanceIndication = lowBalanceIndication;
        this.finalUnitPolicies = finalUnitPolicies;
    }

    /**
     * Replace the final-unit policies after a tariff change.
     *
     * @param policies by rating group.
     */
    void finalUnitPolicies(final Long2ObjectHashMap<FinalUnitPolicy> policies)
    {
        this.finalUnitPolicies = policies;
    }

    /**
     * @param out        buffer for the answer.
     * @param request    the request and its results.
     * @param connection the connection it answers on (per-peer options).
     * @return the answer's length.
     */
    int encode(final ByteBuf out, final PendingRequest request, final DiameterConnection connection)
    {
        final int commandResult = commandResultCode(request);
        encoder.begin(out, request.echo, commandResult, originHost, originRealm, request.ccRequestType,
            request.ccRequestNumber);

        if (ResultCode.SUCCESS == commandResult || ResultCode.CREDIT_LIMIT_REACHED == commandResult)
        {
            if (request.commandLevelUnits)
            {
                writeCommandLevel(request);
            }
            else
            {
                for (int i = 0; i < request.serviceCount; i++)
                {
                    writeMscc(request, i, connection);
                }
            }
            writeEventResults(request);
        }
        writeFailedServices(request);
        if (request.lowBalance && lowBalanceIndication && connection.sends3gppAvps())
        {
            encoder.lowBalanceIndication(false);
        }
        final int ccfh = connection.creditControlFailureHandling();
        if (ccfh >= 0)
        {
            encoder.creditControlFailureHandling(ccfh);
        }
        final int ddfh = connection.directDebitingFailureHandling();
        if (ddfh >= 0 && CcRequestType.EVENT_REQUEST == request.ccRequestType)
        {
            encoder.directDebitingFailureHandling(ddfh);
        }
        return encoder.finish();
    }

    /**
     * RFC 4006 §9.2 (5031) and RFC 6733 §7.1.5 (5004): the answer MUST carry the AVPs that could not be processed.
     * The request's bytes are gone by now, so each refused service is named by the AVPs that identify it, in one
     * command-level Failed-AVP per service (the MSCC grammar has no Failed-AVP, the CCA's has *[Failed-AVP]).
     */
    private void writeFailedServices(final PendingRequest request)
    {
        for (int i = 0; i < request.serviceCount; i++)
        {
            final int resultCode = ResultCodes.of(request.serviceResults[i]);
            if (ResultCode.RATING_FAILED == resultCode || ResultCode.INVALID_AVP_VALUE == resultCode)
            {
                encoder.failedService(request.serviceIdentifiers[i], request.ratingGroups[i]);
            }
        }
    }

    /** The ledger lifts a sole MSCC's 4012 to command level; other per-service failures stay inside. */
    private static int commandResultCode(final PendingRequest request)
    {
        return ResultCodes.of(request.result);
    }

    private void writeMscc(final PendingRequest request, final int i, final DiameterConnection connection)
    {
        encoder.beginMscc();
        final LedgerResult serviceResult = request.serviceResults[i];
        final boolean granted = LedgerResult.SUCCESS == serviceResult && request.grantedUnits[i] > 0 &&
            CcRequestType.TERMINATION_REQUEST != request.ccRequestType;
        final boolean finalUnitsUsed = finalUnitsConsumed(request, i);
        if (granted)
        {
            encoder.msccGranted(grantedKind(request, i), request.grantedUnits[i]);
        }
        if (request.serviceIdentifiers[i] >= 0)
        {
            encoder.serviceIdentifier(request.serviceIdentifiers[i]);
        }
        if (request.ratingGroups[i] >= 0)
        {
            encoder.ratingGroup(request.ratingGroups[i]);
        }
        if ((granted || finalUnitsUsed) && request.validityTimes[i] > 0)
        {
            encoder.validityTime(request.validityTimes[i]);
        }
        encoder.resultCode(ResultCodes.of(serviceResult));
        if ((granted && request.finalUnits[i]) || finalUnitsUsed)
        {
            writeFinalUnitIndication(request.tariffs[i], request.ratingGroups[i]);
        }
        if (granted && connection.sends3gppAvps())
        {
            writeThresholds(request, i);
        }
        encoder.endMscc();
    }

    private void writeThresholds(final PendingRequest request, final int i)
    {
        switch (request.unitTypes[i])
        {
            case UnitType.OCTETS ->
            {
                if (request.volumeThresholds[i] > 0)
                {
                    encoder.volumeQuotaThreshold(request.volumeThresholds[i], false);
                }
            }
            case UnitType.SECONDS ->
            {
                if (request.timeThresholds[i] > 0)
                {
                    encoder.timeQuotaThreshold(request.timeThresholds[i], false);
                }
            }
            default ->
            {
                if (request.unitThresholds[i] > 0)
                {
                    encoder.unitQuotaThreshold(request.unitThresholds[i], false);
                }
            }
        }
        if (request.quotaHoldingTimes[i] > 0)
        {
            encoder.quotaHoldingTime(request.quotaHoldingTimes[i], false);
        }
    }

    private void writeFinalUnitIndication(final Tariff tariff, final long ratingGroup)
    {
        final Long2ObjectHashMap<FinalUnitPolicy> policies = finalUnitPolicies;
        FinalUnitPolicy policy = policies.get(ratingGroup);
        if (null == policy && null != tariff)
        {
            policy = policies.get(tariff.ratingGroup());
        }
        if (null == policy)
        {
            policy = FinalUnitPolicy.TERMINATE;
        }
        switch (policy.action())
        {
            case 1 -> encoder.finalUnitRedirect(policy.addressType(), policy.address());
            case 2 -> encoder.finalUnitRestrictAccess(policy.filterRules(), policy.filterId());
            default -> encoder.finalUnitIndication(0);
        }
    }

    private void writeCommandLevel(final PendingRequest request)
    {
        if (request.serviceCount == 0)
        {
            return;
        }
        final boolean granted = LedgerResult.SUCCESS == request.serviceResults[0] && request.grantedUnits[0] > 0 &&
            CcRequestType.TERMINATION_REQUEST != request.ccRequestType;
        if (granted)
        {
            encoder.grantedServiceUnit(grantedKind(request, 0), request.grantedUnits[0]);
        }
        if (granted || finalUnitsConsumed(request, 0))
        {
            if (request.validityTimes[0] > 0)
            {
                encoder.validityTime(request.validityTimes[0]);
            }
            if (request.finalUnits[0])
            {
                writeFinalUnitIndication(request.tariffs[0], request.ratingGroups[0]);
            }
        }
    }

    /**
     * The answer to the interrogation after the final units were used (RFC 4006 §5.6.2, §5.6.3): no GSU, but the
     * ledger's Validity-Time (how long the user stays redirected or restricted) and the repeated
     * Final-Unit-Indication.
     */
    private static boolean finalUnitsConsumed(final PendingRequest request, final int i)
    {
        return LedgerResult.SUCCESS == request.serviceResults[i] && request.grantedUnits[i] == 0 &&
            request.finalUnits[i] && request.validityTimes[i] > 0 &&
            CcRequestType.UPDATE_REQUEST == request.ccRequestType;
    }

    private void writeEventResults(final PendingRequest request)
    {
        if (CcRequestType.EVENT_REQUEST != request.ccRequestType)
        {
            return;
        }
        if (RequestedAction.CHECK_BALANCE == request.requestedAction)
        {
            encoder.checkBalanceResult(request.checkBalanceEnough ?
                CheckBalanceResult.ENOUGH_CREDIT : CheckBalanceResult.NO_CREDIT);
        }
        else if (RequestedAction.PRICE_ENQUIRY == request.requestedAction)
        {
            // Cost-Information (RFC 4006 §8.7): Value-Digits x 10^Exponent in the configured currency.
            encoder.costInformation(request.costMinor, -moneyScale, currencyCode);
        }
    }

    /** GSU in the tariff's unit: octets as CC-Total-Octets, seconds as CC-Time, events as service units. */
    private static int grantedKind(final PendingRequest request, final int i)
    {
        return switch (request.unitTypes[i])
        {
            case UnitType.SECONDS -> ServiceUnits.TIME;
            case UnitType.EVENTS -> ServiceUnits.SERVICE_SPECIFIC_UNITS;
            default -> ServiceUnits.TOTAL_OCTETS;
        };
    }
}
