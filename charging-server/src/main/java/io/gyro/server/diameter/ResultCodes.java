package io.gyro.server.diameter;

import io.gyro.ledger.LedgerResult;
import io.gyro.protocol.diameter.dictionary.ResultCode;

/**
 * Maps ledger outcomes to Diameter Result-Codes (RFC 4006 §9, RFC 6733 §7.1): the one place where the ledger's
 * vocabulary meets the wire's.
 */
final class ResultCodes
{
    private ResultCodes()
    {
    }

    /**
     * @param result a ledger outcome.
     * @return the Result-Code that reports it.
     */
    static int of(final LedgerResult result)
    {
        return switch (result)
        {
            case SUCCESS, IDEMPOTENT_REPLAY -> ResultCode.SUCCESS;
            case END_USER_SERVICE_DENIED -> ResultCode.END_USER_SERVICE_DENIED;
            case CREDIT_LIMIT_REACHED -> ResultCode.CREDIT_LIMIT_REACHED;
            case UNKNOWN_SESSION -> ResultCode.UNKNOWN_SESSION_ID;
            case OUT_OF_SEQUENCE -> ResultCode.UNABLE_TO_COMPLY;
            case USER_UNKNOWN -> ResultCode.USER_UNKNOWN;
            case RATING_FAILED -> ResultCode.RATING_FAILED;
            case LIMIT_EXCEEDED -> ResultCode.RESOURCES_EXCEEDED;
            case SESSION_EXISTS -> ResultCode.UNABLE_TO_COMPLY;
            case INVALID_ARGUMENT -> ResultCode.INVALID_AVP_VALUE;
            default -> ResultCode.UNABLE_TO_COMPLY;
        };
    }
}
