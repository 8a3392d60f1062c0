package io.gyro.simulator.verify;

import java.util.List;

/**
 * Outcome of the end-of-run balance check.
 *
 * @param subscribersChecked  touched subscribers compared.
 * @param expectedChargeMinor sum of the expected charges.
 * @param differences         subscribers whose balance is not the expected one.
 * @param reservedNotZero     subscribers with money still reserved (an open session on the server).
 * @param unknown             touched subscribers the server does not know (or had no opening balance).
 * @param uncertain           touched subscribers with a request of unknown outcome.
 * @param sessionsLeftOpen    sessions this simulator ended without the server confirming their end.
 * @param errors              problems reading balances.
 */
public record VerificationResult(
    int subscribersChecked,
    long expectedChargeMinor,
    List<Difference> differences,
    List<Difference> reservedNotZero,
    List<String> unknown,
    List<String> uncertain,
    long sessionsLeftOpen,
    List<String> errors)
{
    /** Copies the lists. */
    public VerificationResult
    {
        differences = List.copyOf(differences);
        reservedNotZero = List.copyOf(reservedNotZero);
        unknown = List.copyOf(unknown);
        uncertain = List.copyOf(uncertain);
        errors = List.copyOf(errors);
    }

    /** @return true when money is conserved end to end and nothing is left open. */
    public boolean passed()
    {
        return differences.isEmpty() && reservedNotZero.isEmpty() && unknown.isEmpty() && 0 == sessionsLeftOpen &&
            errors.isEmpty();
    }

    /**
     * One subscriber whose balance is not what the simulator expects.
     *
     * @param msisdn         the subscriber.
     * @param openingMinor   balance read before the run.
     * @param chargedMinor   what the simulator expects to have been charged.
     * @param expectedMinor  opening - charged.
     * @param actualMinor    balance read after the run.
     * @param reservedMinor  money still reserved after the run.
     * @param uncertain      whether one of its requests had an unknown outcome.
     */
    public record Difference(
        String msisdn,
        long openingMinor,
        long chargedMinor,
        long expectedMinor,
        long actualMinor,
        long reservedMinor,
        boolean uncertain)
    {
        /** @return actual - expected. */
        public long deltaMinor()
        {
            return actualMinor - expectedMinor;
        }
    }
}
