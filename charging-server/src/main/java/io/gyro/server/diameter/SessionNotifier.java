package io.gyro.server.diameter;

import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.server.session.SessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * Turns the ledger's side effects into server-initiated Diameter requests (RFC 4006 §5.5 RAR, RFC 6733 §8.5
 * ASR), sent to the Origin-Host/Realm the session's CCRs came from, over the connection of the peer the session
 * came through. A peer that is gone is counted and logged, never waited for.
 */
public final class SessionNotifier
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionNotifier.class);

    private final PeerRegistry registry;

    /**
     * @param registry open peers by host.
     */
    public SessionNotifier(final PeerRegistry registry)
    {
        this.registry = registry;
    }

    /**
     * @param context       the session context (see {@link SessionContext}).
     * @param contextLength its length.
     * @return true when the session is a Diameter one (it has an Origin-Host).
     */
    public static boolean isDiameterSession(final byte[] context, final int contextLength)
    {
        return null != SessionContext.get(context, contextLength, SessionContext.ORIGIN_HOST);
    }

    /**
     * Send an RAR (re-authorize after a top-up) or an ASR (operator abort, blocked account).
     *
     * @param commandCode   {@link CommandCode#RE_AUTH} or {@link CommandCode#ABORT_SESSION}.
     * @param sessionKey    Session-Id octets.
     * @param keyLength     their length.
     * @param context       the session context.
     * @param contextLength its length.
     * @param ratingGroup   RAR scope, -1 for the whole session.
     * @return true when handed to a connection.
     */
    public boolean send(
        final int commandCode,
        final byte[] sessionKey,
        final int keyLength,
        final byte[] context,
        final int contextLength,
        final long ratingGroup)
    {
        final String peerHost = SessionContext.text(context, contextLength, SessionContext.PEER_HOST);
        final String originHost = SessionContext.text(context, contextLength, SessionContext.ORIGIN_HOST);
        final String originRealm = SessionContext.text(context, contextLength, SessionContext.ORIGIN_REALM);
        DiameterConnection connection = registry.find(peerHost);
        if (null == connection)
        {
            connection = registry.find(originHost);
        }
        final String sessionId = new String(sessionKey, 0, keyLength, java.nio.charset.StandardCharsets.UTF_8);
        if (null == connection || null == originHost || null == originRealm)
        {
            LOG.info("cannot send {} for session {}: peer {} is not connected",
                CommandCode.RE_AUTH == commandCode ? "RAR" : "ASR", sessionId, peerHost);
            return false;
        }
        final DiameterConnection target = connection;
        final byte[] sessionIdBytes = Arrays.copyOf(sessionKey, keyLength);
        target.channel().eventLoop().execute(() -> target.lane().sendServerRequest(
            target, commandCode, sessionIdBytes, originHost, originRealm, ratingGroup));
        return true;
    }
}
