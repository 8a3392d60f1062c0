package io.gyro.server.diameter;

import io.gyro.config.model.DiameterPeer;
import io.gyro.protocol.diameter.DiameterFramingError;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.agrona.collections.Int2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * One peer connection and its RFC 6733 state: waiting for CER, open, or closing after DPR (§5.6 peer state
 * machine, responder side), with the watchdog state of RFC 3539 §3.4. Every method runs on the connection's event
 * loop; the work is done by its {@link DiameterLane}.
 */
public final class DiameterConnection extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(DiameterConnection.class);

    /** Where the connection is in the peer state machine. */
    public enum State
    {
        /** Connected, no CER yet: any other message closes the connection (§5.6.1). */
        WAIT_CER,
        /** Capabilities exchanged: application traffic flows. */
        OPEN,
        /** DPR received and answered, or we are closing: waiting for the transport to go. */
        CLOSING
    }

    private final DiameterLane lane;
    private final long id;
    private Channel channel;
    State state = State.WAIT_CER;
    String peerHost;
    byte[] peerHostBytes;
    String peerRealm;
    DiameterPeer settings;
    boolean peerSupports3gpp;
    long connectedAtMs;
    /** When Tw expires (RFC 3539 §3.4.1): set anew, with a fresh jitter, on every message received or DWR sent. */
    long watchdogDeadlineMs;
    /** A DWR was sent and its DWA has not come. */
    boolean watchdogPending;
    /** Tw expired once with a DWR pending (RFC 3539 SUSPECT); one more expiry without a DWA closes. */
    boolean watchdogSuspect;
    int watchdogHopByHopId;
    long closingSinceMs = -1;
    /** Hop-by-Hop Identifier of the DPR this server sent, valid once {@link #disconnectSent}. */
    int disconnectHopByHopId;
    boolean disconnectSent;
    /** CCRs of this connection taken into the ledger whose answers have not been written or dropped yet. */
    int answersOwed;
    /**
     * The peer answered our DPR while answers were still owed: close once the last of them is written
     * (RFC 6733 §5.4: the DPR's sender closes on the DPA, but not at the cost of answers to earlier requests).
     */
    volatile boolean closeWhenAnswered;
    /** RAR and ASR sent on this connection, by Hop-by-Hop Identifier: their answers count only here. */
    final Int2ObjectHashMap<DiameterLane.OutstandingRequest> outstanding = new Int2ObjectHashMap<>();
    private int nextHopByHopId;

    DiameterConnection(final DiameterLane lane, final long id)
    {
        this.lane = lane;
        this.id = id;
        this.nextHopByHopId = (int)(id * 0x9E37_79B9L);
    }

    /** @return a number unique among this server's connections. */
    public long id()
    {
        return id;
    }

    /** @return the Netty channel. */
    public Channel channel()
    {
        return channel;
    }

    /** @return the peer's CER Origin-Host, or null before CER. */
    public String peerHost()
    {
        return peerHost;
    }

    /** @return the peer-state-machine state. */
    public State state()
    {
        return state;
    }

    /** @return the lane that owns this connection. */
    DiameterLane lane()
    {
        return lane;
    }

    /** @return true when 3GPP AVPs may be sent: the peer listed vendor 10415 and the configuration allows it. */
    boolean sends3gppAvps()
    {
        return peerSupports3gpp && null != settings && settings.send3gppAvps();
    }

    /** @return Credit-Control-Failure-Handling value to send, or -1 for none. */
    int creditControlFailureHandling()
    {
        return null == settings ? -1 : settings.creditControlFailureHandling().avpValue();
    }

    /** @return Direct-Debiting-Failure-Handling value to send, or -1 for none. */
    int directDebitingFailureHandling()
    {
        return null == settings ? -1 : settings.directDebitingFailureHandling().avpValue();
    }

    /** @return a fresh Hop-by-Hop Identifier for a request we send on this connection (§3: unique per link). */
    int nextHopByHopId()
    {
        return ++nextHopByHopId;
    }

    /** @return the remote address. */
    InetSocketAddress remoteAddress()
    {
        return (InetSocketAddress)channel.remoteAddress();
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        channel = ctx.channel();
        lane.onConnected(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        lane.onDisconnected(this);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object message)
    {
        if (message instanceof DiameterFramingError error)
        {
            lane.onFramingError(this, error);
            return;
        }
        final ByteBuf frame = (ByteBuf)message;
        try
        {
            // Frames the decoder still holds after this connection was closed cannot be answered: drop them rather
            // than charge for requests whose answers could never leave.
            if (ctx.channel().isActive())
            {
                lane.onMessage(this, frame);
            }
        }
        finally
        {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        // Back-pressure (ARCHITECTURE.md §2): a peer that does not read its answers stops being read.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        LOG.debug("closing Diameter connection {} from {}: {}", id, ctx.channel().remoteAddress(), cause.toString());
        lane.counters().connectionErrors++;
        ctx.close();
    }

    @Override
    public String toString()
    {
        return "DiameterConnection{" + id + " " + state + " " + peerHost + " " +
            (null == channel ? "" : channel.remoteAddress()) + "}";
    }
}
