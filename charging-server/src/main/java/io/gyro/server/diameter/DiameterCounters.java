package io.gyro.server.diameter;

import io.gyro.protocol.diameter.DiameterFramingError;
import io.gyro.protocol.diameter.dictionary.CcRequestType;
import io.gyro.protocol.diameter.dictionary.CommandCode;

/**
 * What one lane counts, written only on its event loop and read by metrics from another thread (plain longs:
 * a reader may see a slightly stale value, never a torn one on a 64-bit JVM; exactness is not needed for rates).
 * <p>
 * Requests and answers are also counted per command and Result-Code in fixed arrays, so the metric labels are
 * bounded by {@link #COMMANDS} and {@link #RESULT_CODES} and counting is one array increment.
 */
public final class DiameterCounters
{
    /** Command labels: what a request was, and what an answer answers. CCR is split by CC-Request-Type. */
    public static final String[] COMMANDS = {"CER", "DWR", "DPR", "CCR-I", "CCR-U", "CCR-T", "CCR-E", "CCR", "other"};
    /** Capabilities-Exchange. */
    public static final int CMD_CER = 0;
    /** Device-Watchdog. */
    public static final int CMD_DWR = 1;
    /** Disconnect-Peer. */
    public static final int CMD_DPR = 2;
    /** CCR INITIAL_REQUEST. */
    public static final int CMD_CCR_I = 3;
    /** CCR UPDATE_REQUEST. */
    public static final int CMD_CCR_U = 4;
    /** CCR TERMINATION_REQUEST. */
    public static final int CMD_CCR_T = 5;
    /** CCR EVENT_REQUEST. */
    public static final int CMD_CCR_E = 6;
    /** A CCR whose CC-Request-Type could not be read (refused by validation). */
    public static final int CMD_CCR = 7;
    /** Any other command. */
    public static final int CMD_OTHER = 8;

    /**
     * Result-Codes counted under their own label (RFC 6733 §7.1, RFC 4006 §9); any other value is counted as
     * {@code other}, and an answer replayed from the duplicate cache as {@code cached}.
     */
    public static final int[] RESULT_CODES = {2001, 2002, 3001, 3002, 3003, 3004, 3005, 3007, 3008, 3009, 3010,
        4010, 4011, 4012, 5001, 5002, 5003, 5004, 5005, 5006, 5008, 5009, 5010, 5011, 5012, 5014, 5015, 5017,
        5030, 5031};
    /** Slot of Result-Codes not in {@link #RESULT_CODES}. */
    public static final int RESULT_OTHER = RESULT_CODES.length;
    /** Slot of answers replayed from the duplicate cache (their Result-Code is not decoded again). */
    public static final int RESULT_CACHED = RESULT_CODES.length + 1;
    /** Result slots per command. */
    public static final int RESULT_SLOTS = RESULT_CODES.length + 2;
    /** Pass as the Result-Code of an answer replayed from the duplicate cache. */
    public static final long CACHED_ANSWER = -1;
    /** Why framing was found damaged, in the order of their label slots. */
    public static final DiameterFramingError.Reason[] FRAMING_REASONS = DiameterFramingError.Reason.values();

    /** Requests received, indexed by command ({@link #CMD_CER} ...). */
    public final long[] requestsByCommand = new long[COMMANDS.length];
    /** Answers written, indexed by {@code command * RESULT_SLOTS + result slot}. */
    public final long[] answersByCommandAndResult = new long[COMMANDS.length * RESULT_SLOTS];
    /**
     * Where CCR handling times go (ingress to answer written). Set once before the listener starts; the
     * default records nothing.
     */
    public HandlingTimeRecorder ccrHandlingTime = HandlingTimeRecorder.NONE;

    /** Requests received (any command). */
    public long requests;
    /** CCRs accepted onto the ring. */
    public long creditControlRequests;
    /** Answers written by this lane, including edge errors. */
    public long answers;
    /** Requests answered 3004 TOO_BUSY because the ring or the pending table was full. */
    public long shed;
    /** Requests answered from the duplicate cache. */
    public long duplicates;
    /** Messages refused by validation (3xxx/5xxx at the edge). */
    public long invalid;
    /** Damaged framing: the connection was closed. */
    public long framingErrors;
    /** Damaged framing by {@link io.gyro.protocol.diameter.DiameterFramingError.Reason} ordinal (too long ...). */
    public final long[] framingErrorsByReason = new long[FRAMING_REASONS.length];
    /** Replies for connections that had gone: dropped. */
    public long droppedReplies;
    /** Connections closed after an exception. */
    public long connectionErrors;
    /** Watchdog requests from peers answered. */
    public long watchdogsAnswered;
    /** Watchdog requests sent. */
    public long watchdogsSent;
    /** Peers closed because two watchdog intervals passed without an answer. */
    public long watchdogFailures;
    /** RAR and ASR sent. */
    public long serverRequestsSent;
    /** RAR and ASR that got no answer in time, or found no connection. */
    public long serverRequestsFailed;

    /**
     * @param commandCode   Diameter command code.
     * @param ccRequestType CC-Request-Type for a CCR, or -1 when unknown.
     * @return the command slot.
     */
    public static int commandIndex(final int commandCode, final int ccRequestType)
    {
        return switch (commandCode)
        {
            case CommandCode.CAPABILITIES_EXCHANGE -> CMD_CER;
            case CommandCode.DEVICE_WATCHDOG -> CMD_DWR;
            case CommandCode.DISCONNECT_PEER -> CMD_DPR;
            case CommandCode.CREDIT_CONTROL -> switch (ccRequestType)
            {
                case CcRequestType.INITIAL_REQUEST -> CMD_CCR_I;
                case CcRequestType.UPDATE_REQUEST -> CMD_CCR_U;
                case CcRequestType.TERMINATION_REQUEST -> CMD_CCR_T;
                case CcRequestType.EVENT_REQUEST -> CMD_CCR_E;
                default -> CMD_CCR;
            };
            default -> CMD_OTHER;
        };
    }

    /**
     * @param resultCode a Result-Code, or {@link #CACHED_ANSWER}.
     * @return its slot.
     */
    public static int resultIndex(final long resultCode)
    {
        if (CACHED_ANSWER == resultCode)
        {
            return RESULT_CACHED;
        }
        int low = 0;
        int high = RESULT_CODES.length - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final int code = RESULT_CODES[mid];
            if (code < resultCode)
            {
                low = mid + 1;
            }
            else if (code > resultCode)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return RESULT_OTHER;
    }

    /**
     * @param slot a result slot.
     * @return its label: the Result-Code, {@code other} or {@code cached}.
     */
    public static String resultLabel(final int slot)
    {
        return slot < RESULT_CODES.length ? Integer.toString(RESULT_CODES[slot]) :
            RESULT_OTHER == slot ? "other" : "cached";
    }

    void countRequest(final int command)
    {
        requestsByCommand[command]++;
    }

    void countAnswer(final int command, final long resultCode)
    {
        answers++;
        answersByCommandAndResult[command * RESULT_SLOTS + resultIndex(resultCode)]++;
    }

    /** Receives CCR handling times; called on the lane's event loop, so it must not block or allocate. */
    @FunctionalInterface
    public interface HandlingTimeRecorder
    {
        /** Records nothing. */
        HandlingTimeRecorder NONE = (ccRequestType, nanos) ->
        {
        };

        /**
         * @param ccRequestType CC-Request-Type of the answered CCR.
         * @param nanos         from the request's ingress to its answer being written.
         */
        void record(int ccRequestType, long nanos);
    }
}
