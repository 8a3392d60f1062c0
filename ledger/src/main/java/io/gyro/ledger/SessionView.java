package io.gyro.ledger;

/**
 * LIST_SESSIONS answer entry: a copy made on the ledger thread.
 *
 * @param sessionId      ledger session id.
 * @param sessionKey     key bytes.
 * @param sessionContext opaque context bytes given on RESERVE.
 * @param accountId      owning account.
 * @param originKey      origin key.
 * @param state          "open", "tombstone" or "closed".
 * @param reservedMinor  money held by the session's reservations.
 * @param reservedUnits  units granted and not yet reported, all rating groups.
 * @param deadlineMs     next deadline (supervision, tombstone or retention end).
 */
public record SessionView(
    long sessionId,
    byte[] sessionKey,
    byte[] sessionContext,
    long accountId,
    long originKey,
    String state,
    long reservedMinor,
    long reservedUnits,
    long deadlineMs)
{
}
