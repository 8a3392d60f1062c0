package io.gyro.ledger;

/**
 * Side effects toward the network, implemented by the server: called on the ledger thread after the batch that
 * caused them is in the journal, and never while the journal is replayed at start-up. Arrays are valid only
 * during the call; implementations copy what they keep and must not block.
 */
public interface LedgerNotificationListener
{
    /** A listener that ignores everything. */
    LedgerNotificationListener NONE = new LedgerNotificationListener()
    {
    };

    /**
     * Credit arrived (top-up, bucket, refund, higher credit limit) for a session that was given final units or
     * refused for lack of credit: ask the client to re-authorise (Diameter RAR, RADIUS CoA).
     *
     * @param sessionKey           session key bytes.
     * @param sessionKeyLength     valid key bytes.
     * @param sessionContext       context given on RESERVE.
     * @param sessionContextLength valid context bytes.
     * @param ratingGroups         rating groups to re-authorise.
     * @param ratingGroupCount     valid entries.
     */
    default void reauthorize(
        final byte[] sessionKey,
        final int sessionKeyLength,
        final byte[] sessionContext,
        final int sessionContextLength,
        final long[] ratingGroups,
        final int ratingGroupCount)
    {
    }

    /**
     * An operator ended the session or blocked/deleted the account: end it in the network (Diameter ASR,
     * RADIUS Disconnect-Request). Its reservations are already released.
     *
     * @param sessionKey           session key bytes.
     * @param sessionKeyLength     valid key bytes.
     * @param sessionContext       context given on RESERVE.
     * @param sessionContextLength valid context bytes.
     * @param reason               why.
     */
    default void abortSession(
        final byte[] sessionKey,
        final int sessionKeyLength,
        final byte[] sessionContext,
        final int sessionContextLength,
        final SessionEndReason reason)
    {
    }

    /**
     * Supervision released a silent session (reservations released, not charged).
     *
     * @param sessionKey           session key bytes.
     * @param sessionKeyLength     valid key bytes.
     * @param sessionContext       context given on RESERVE.
     * @param sessionContextLength valid context bytes.
     * @param accountId            owning account.
     */
    default void sessionExpired(
        final byte[] sessionKey,
        final int sessionKeyLength,
        final byte[] sessionContext,
        final int sessionContextLength,
        final long accountId)
    {
    }
}
