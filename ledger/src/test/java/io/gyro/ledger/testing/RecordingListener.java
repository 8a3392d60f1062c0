package io.gyro.ledger.testing;

import io.gyro.ledger.LedgerNotificationListener;
import io.gyro.ledger.SessionEndReason;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records notifications as text ("reauthorize key [rgs]", "abort key REASON", "expired key"). */
public final class RecordingListener implements LedgerNotificationListener
{
    /** Recorded notifications, in order. */
    public final List<String> events = new ArrayList<>();

    @Override
    public void reauthorize(
        final byte[] sessionKey,
        final int sessionKeyLength,
        final byte[] sessionContext,
        final int sessionContextLength,
        final long[] ratingGroups,
        final int ratingGroupCount)
    {
        final StringBuilder rgs = new StringBuilder();
        for (int i = 0; i < ratingGroupCount; i++)
        {
            rgs.append(i == 0 ? "" : ",").append(ratingGroups[i]);
        }
        events.add("reauthorize " + text(sessionKey, sessionKeyLength) + " [" + rgs + "]");
    }

    @Override
    public void abortSession(
        final byte[] sessionKey,
        final int sessionKeyLength,
        final byte[] sessionContext,
        final int sessionContextLength,
        final SessionEndReason reason)
    {
        events.add("abort " + text(sessionKey, sessionKeyLength) + " " + reason);
    }

    @Override
    public void sessionExpired(
        final byte[] sessionKey,
        final int sessionKeyLength,
        final byte[] sessionContext,
        final int sessionContextLength,
        final long accountId)
    {
        events.add("expired " + text(sessionKey, sessionKeyLength) + " ctx=" +
            text(sessionContext, sessionContextLength));
    }

    private static String text(final byte[] bytes, final int length)
    {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
