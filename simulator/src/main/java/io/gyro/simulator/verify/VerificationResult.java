package io.gyro.simulator.verify;

import java.util.List;
import java.util.Locale;

/**
 * Outcome of the end-of-run balance check.
 *
 * @param subscribersChecked  subscribers compared: every one whose opening balance was read, touched or not.
 * @param subscribersCharged  of those, the ones the run expects to have been charged something.
 * @param expectedChargeMinor sum of the expected charges.
 * @param sessionsStarted     sessions the run began.
 * @param sessionsOpened      sessions whose opening request (CCR-I, CCR-E, Access-Request) the server accepted.
 * @param differences         touched subscribers whose balance is not the expected one.
 * @param untouchedChanged    subscribers no session of the run used whose balance changed, or whose reservation grew:
 *                            money that went to the wrong subscriber.
 * @param reservedNotZero     touched subscribers with money still reserved (an open session on the server).
 * @param unknown             touched subscribers the server does not know (or had no opening balance), and checked
 *                            subscribers that disappeared during the run.
 * @param uncertain           touched subscribers with a request of unknown outcome.
 * @param sessionsLeftOpen    sessions this simulator ended without the server confirming their end.
 * @param errors              problems reading balances.
 */
public record VerificationResult(
    int subscribersChecked,
    int subscribersCharged,
    long expectedChargeMinor,
    long sessionsStarted,
    long sessionsOpened,
    List<Difference> differences,
    List<Difference> untouchedChanged,
    List<Difference> reservedNotZero,
    List<String> unknown,
    List<String> uncertain,
    long sessionsLeftOpen,
    List<String> errors)
{
    /**
     * Below this share of opened sessions, in percent, a verification proves too little to pass: nearly every session
     * was refused at its first request, so nearly every balance was expected to stay as it was. 10 % is far below what
     * a working server opens even when it sheds load, and far above a server that refuses (almost) everything.
     */
    public static final int MIN_OPENED_PERCENT = 10;

    /** The verdict. */
    public enum Status
    {
        /** Money moved as expected, nothing left reserved or open. */
        PASSED,
        /** A difference, reservation, unknown subscriber, open session or read error. */
        FAILED,
        /** Nothing contradicts the expectation, but the run moved too little money for that to mean anything. */
        VACUOUS
    }

    /** Copies the lists. */
    public VerificationResult
    {
        differences = List.copyOf(differences);
        untouchedChanged = List.copyOf(untouchedChanged);
        reservedNotZero = List.copyOf(reservedNotZero);
        unknown = List.copyOf(unknown);
        uncertain = List.copyOf(uncertain);
        errors = List.copyOf(errors);
    }

    /** @return true when money is conserved end to end, nothing is left open, and the run moved money to check. */
    public boolean passed()
    {
        return Status.PASSED == status();
    }

    /** @return FAILED on any evidence against the server; otherwise VACUOUS when nothing was really tested. */
    public Status status()
    {
        if (!differences.isEmpty() || !untouchedChanged.isEmpty() || !reservedNotZero.isEmpty() || !unknown.isEmpty() ||
            0 != sessionsLeftOpen || !errors.isEmpty())
        {
            return Status.FAILED;
        }
        return null == vacuousReason() ? Status.PASSED : Status.VACUOUS;
    }

    /**
     * Why the check proves nothing, whatever the balances say. "Every balance is as expected" is also what a server
     * that refuses every session, or accepts every report and charges nothing, produces when the expectation is zero.
     *
     * @return the reason, or null when the run moved enough money for a pass to mean something.
     */
    public String vacuousReason()
    {
        if (0 == sessionsStarted)
        {
            return "no session began";
        }
        if (sessionsOpened * 100 < sessionsStarted * MIN_OPENED_PERCENT)
        {
            return String.format(Locale.ROOT, "the server opened only %,d of %,d sessions (below %d %%): the rest were " +
                "refused at their first request and could not move money", sessionsOpened, sessionsStarted,
                MIN_OPENED_PERCENT);
        }
        if (0 == expectedChargeMinor)
        {
            return String.format(Locale.ROOT, "no money was expected to move: %,d sessions opened, but no usage the " +
                "server accepted cost anything", sessionsOpened);
        }
        return null;
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
