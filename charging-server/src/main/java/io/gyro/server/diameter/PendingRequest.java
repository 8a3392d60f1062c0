package io.gyro.server.diameter;

import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.ServiceResult;
import io.gyro.ledger.rating.Tariff;
import io.gyro.protocol.diameter.RequestEcho;

import java.util.Arrays;

/**
 * One credit-control request in flight between a lane and the ledger: what its answer must echo (filled by the
 * lane before publishing) and the ledger's results (copied by the ledger thread, read by the lane after the
 * reply queue hands it back; the queue's release/acquire orders the two).
 * <p>
 * Per-service arrays start small and grow once to the request's MSCC count, so the common one-MSCC request
 * never allocates and the table stays a few hundred bytes per entry.
 */
final class PendingRequest
{
    private static final int INITIAL_SERVICES = 4;

    final int index;
    final RequestEcho echo = new RequestEcho();
    DiameterConnection connection;
    long connectionId;
    long originHostKey;
    long receivedNanos;

    int ccRequestType;
    long ccRequestNumber;
    int requestedAction;
    /** The services came from command-level RSU/USU (no MSCC): answer with a command-level GSU. */
    boolean commandLevelUnits;
    int serviceCount;
    long[] ratingGroups = new long[INITIAL_SERVICES];
    long[] serviceIdentifiers = new long[INITIAL_SERVICES];
    boolean[] hadRequestedUnits = new boolean[INITIAL_SERVICES];

    LedgerResult result;
    LedgerResult wouldDenyReason;
    boolean duplicate;
    boolean lowBalance;
    boolean checkBalanceEnough;
    long costMinor;
    long balanceMinor;
    LedgerResult[] serviceResults = new LedgerResult[INITIAL_SERVICES];
    long[] grantedUnits = new long[INITIAL_SERVICES];
    int[] unitTypes = new int[INITIAL_SERVICES];
    long[] validityTimes = new long[INITIAL_SERVICES];
    boolean[] finalUnits = new boolean[INITIAL_SERVICES];
    long[] volumeThresholds = new long[INITIAL_SERVICES];
    long[] timeThresholds = new long[INITIAL_SERVICES];
    long[] unitThresholds = new long[INITIAL_SERVICES];
    long[] quotaHoldingTimes = new long[INITIAL_SERVICES];
    Tariff[] tariffs = new Tariff[INITIAL_SERVICES];

    PendingRequest(final int index)
    {
        this.index = index;
    }

    /**
     * Make room for {@code count} services (called on the lane before publishing).
     *
     * @param count services in the request.
     */
    void ensureServices(final int count)
    {
        if (count <= ratingGroups.length)
        {
            return;
        }
        ratingGroups = Arrays.copyOf(ratingGroups, count);
        serviceIdentifiers = Arrays.copyOf(serviceIdentifiers, count);
        hadRequestedUnits = Arrays.copyOf(hadRequestedUnits, count);
        serviceResults = Arrays.copyOf(serviceResults, count);
        grantedUnits = Arrays.copyOf(grantedUnits, count);
        unitTypes = Arrays.copyOf(unitTypes, count);
        validityTimes = Arrays.copyOf(validityTimes, count);
        finalUnits = Arrays.copyOf(finalUnits, count);
        volumeThresholds = Arrays.copyOf(volumeThresholds, count);
        timeThresholds = Arrays.copyOf(timeThresholds, count);
        unitThresholds = Arrays.copyOf(unitThresholds, count);
        quotaHoldingTimes = Arrays.copyOf(quotaHoldingTimes, count);
        tariffs = Arrays.copyOf(tariffs, count);
    }

    /**
     * Copy the ledger's outcome. Called on the ledger thread, after the journal holds the command's events.
     *
     * @param command the processed ring slot.
     */
    void copyResults(final LedgerCommand command)
    {
        result = command.result;
        wouldDenyReason = command.wouldDenyReason;
        duplicate = command.duplicate;
        lowBalance = command.lowBalance;
        checkBalanceEnough = command.checkBalanceEnough;
        costMinor = command.costMinor;
        balanceMinor = command.balanceMinor;
        for (int i = 0; i < serviceCount; i++)
        {
            final ServiceResult service = command.serviceResults[i];
            serviceResults[i] = service.result;
            grantedUnits[i] = service.grantedUnits;
            unitTypes[i] = service.unitType;
            validityTimes[i] = service.validityTimeSec;
            finalUnits[i] = service.finalUnits;
            volumeThresholds[i] = service.volumeThreshold;
            timeThresholds[i] = service.timeThreshold;
            unitThresholds[i] = service.unitThreshold;
            quotaHoldingTimes[i] = service.quotaHoldingTimeSec;
            tariffs[i] = service.tariff;
        }
    }

    /** Drop references so a closed connection or an old tariff can be collected. */
    void clear()
    {
        connection = null;
        for (int i = 0; i < serviceCount; i++)
        {
            tariffs[i] = null;
        }
        serviceCount = 0;
    }
}
