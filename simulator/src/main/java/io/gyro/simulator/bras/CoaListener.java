package io.gyro.simulator.bras;

import io.gyro.protocol.radius.RadiusAttributeIterator;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusAuthenticators;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.protocol.radius.RadiusPacketDescriptor;
import io.gyro.protocol.radius.RadiusPacketEncoder;
import io.gyro.protocol.radius.RadiusPacketFlyweight;
import io.gyro.protocol.radius.RadiusSecret;
import io.gyro.simulator.report.ConnectionStats;
import io.gyro.simulator.report.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The BRASes' Dynamic Authorization port (RFC 5176 §3; 3799 by default, {@code --coa-port}): checks each
 * Disconnect- or CoA-Request's authenticator (§3.5: an invalid one is silently discarded), finds the BRAS from
 * the Acct-Session-Id, lets that BRAS decide on its own event loop, answers ACK or NAK (Error-Cause 503
 * Session-Context-Not-Found, §3.5) and, for a Disconnect, the BRAS then sends the session's Accounting Stop.
 * Requests from the server are rare, so this path allocates freely.
 */
final class CoaListener extends SimpleChannelInboundHandler<DatagramPacket>
{
    /** Error-Cause Session-Context-Not-Found (RFC 5176 §3.5). */
    static final int SESSION_CONTEXT_NOT_FOUND = 503;

    private final List<BrasConnection> brases;
    private final RadiusSecret secret;
    private final ConnectionStats stats;
    private final RadiusAuthenticators authenticators = new RadiusAuthenticators();
    private final RadiusPacketFlyweight packet = new RadiusPacketFlyweight();
    private final RadiusAttributeIterator attributes = new RadiusAttributeIterator();

    CoaListener(final List<BrasConnection> brases, final RadiusSecret secret, final ConnectionStats stats)
    {
        this.brases = brases;
        this.secret = secret;
        this.stats = stats;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final DatagramPacket datagram)
    {
        final ByteBuf content = datagram.content();
        final int offset = content.readerIndex();
        if (content.readableBytes() < RadiusPacketDescriptor.HEADER_LENGTH ||
            !authenticators.verifyRequest(content, offset, secret))
        {
            stats.increment(Counter.FRAMING_ERRORS);
            return;
        }
        packet.wrap(content, offset, content.readableBytes());
        final int code = packet.code();
        if (RadiusCode.DISCONNECT_REQUEST != code && RadiusCode.COA_REQUEST != code)
        {
            stats.increment(Counter.UNMATCHED_ANSWERS);
            return;
        }
        final int identifier = packet.identifier();
        final byte[] requestAuthenticator = new byte[RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];
        packet.copyAuthenticator(requestAuthenticator, 0);
        byte[] acctSessionId = null;
        if (packet.findFirst(RadiusAttributeType.ACCT_SESSION_ID, attributes))
        {
            acctSessionId = new byte[attributes.valueLength()];
            attributes.copyValue(acctSessionId, 0);
        }
        final InetSocketAddress sender = datagram.sender();
        final int nas = BrasConnection.nasIndexOf(acctSessionId);
        if (nas < 0 || nas >= brases.size())
        {
            reply(ctx, sender, code, identifier, requestAuthenticator, false);
            return;
        }
        final BrasConnection bras = brases.get(nas);
        final byte[] sessionId = acctSessionId;
        bras.eventLoop().execute(() ->
        {
            // Decide first, answer, then the BRAS's Stop leaves (RFC 5176 §3: ACK, then accounting).
            final boolean known = bras.onServerRequest(code, sessionId);
            reply(ctx, sender, code, identifier, requestAuthenticator, known);
        });
    }

    private void reply(
        final ChannelHandlerContext ctx,
        final InetSocketAddress sender,
        final int requestCode,
        final int identifier,
        final byte[] requestAuthenticator,
        final boolean ack)
    {
        final int code = RadiusCode.DISCONNECT_REQUEST == requestCode ?
            (ack ? RadiusCode.DISCONNECT_ACK : RadiusCode.DISCONNECT_NAK) :
            (ack ? RadiusCode.COA_ACK : RadiusCode.COA_NAK);
        final ByteBuf buffer = ctx.alloc().ioBuffer(64);
        // A fresh encoder: this may run on a BRAS's event loop, not the listener's.
        final RadiusPacketEncoder encoder = new RadiusPacketEncoder(new RadiusAuthenticators()).start(buffer, code, identifier);
        if (!ack)
        {
            encoder.putInt(RadiusAttributeType.ERROR_CAUSE, SESSION_CONTEXT_NOT_FOUND);
        }
        encoder.finishResponse(requestAuthenticator, 0, secret);
        ctx.writeAndFlush(new DatagramPacket(buffer, sender));
    }
}
