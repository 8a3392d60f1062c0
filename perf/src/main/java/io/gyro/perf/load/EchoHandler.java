package io.gyro.perf.load;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterFramingError;
import io.gyro.protocol.diameter.DiameterHeaderFlyweight;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.base.DeviceWatchdog;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;
import static io.gyro.protocol.diameter.DiameterHeaderDescriptor.FLAG_PROXIABLE;

/**
 * One connection of the {@link EchoServer}: CER gets a CEA 2001 for the credit-control application, DWR a DWA, DPR
 * a DPA and the close; every CCR gets the same CCA (Result-Code 2001, one MSCC granting 10 MiB on rating group 10)
 * with the request's Hop-by-Hop and End-to-End Identifiers, Session-Id, CC-Request-Type and CC-Request-Number
 * copied in, so the simulator's sessions run their normal course. Anything else is ignored.
 * Answers are written as requests arrive and flushed once per read, as the Gyro server does.
 * Not thread safe; one instance per channel.
 */
final class EchoHandler extends ChannelInboundHandlerAdapter
{
    /** Identity of the echo server in its answers. */
    static final String ORIGIN_HOST = "echo.localdomain";
    static final String ORIGIN_REALM = "localdomain";
    /** The grant in every CCA: the server's default grant for data (config/gyro.yaml, rating group 10). */
    static final long GRANTED_OCTETS = 10L * 1024 * 1024;
    /** The rating group of the load run's sessions. */
    static final long RATING_GROUP = 10;
    /** Room for a CCA: header, a Session-Id of up to 256 octets (ARCHITECTURE.md §3) and the fixed tail. */
    static final int ANSWER_CAPACITY = 512;

    /** Everything of the CCA after the copied AVPs, encoded once. */
    private static final byte[] CCA_TAIL = ccaTail();

    private final DiameterHeaderFlyweight header = new DiameterHeaderFlyweight();
    private final AvpReader reader = new AvpReader();
    private final DiameterEncoder encoder = new DiameterEncoder();
    private final RequestEcho echo = new RequestEcho();
    private final DeviceWatchdog watchdogAnswer =
        new DeviceWatchdog(ORIGIN_HOST, ORIGIN_REALM, 1, ResultCode.SUCCESS);
    private final DisconnectPeer disconnectAnswer = new DisconnectPeer(ORIGIN_HOST, ORIGIN_REALM, -1, ResultCode.SUCCESS);
    private final CapabilitiesExchange capabilitiesAnswer = new CapabilitiesExchange(ORIGIN_HOST, ORIGIN_REALM,
        List.of(new byte[]{127, 0, 0, 1}), 0, "gyro-echo", 1, List.of((long)VendorId.TGPP),
        List.of(ApplicationIds.CREDIT_CONTROL), List.of(), List.of(), List.of(), -1, ResultCode.SUCCESS, null);

    private static byte[] ccaTail()
    {
        final ByteBuf buffer = Unpooled.buffer(128);
        final DiameterEncoder tail = new DiameterEncoder().wrap(buffer);
        tail.uint32(AvpCode.RESULT_CODE, FLAG_MANDATORY, 0, ResultCode.SUCCESS);
        tail.octets(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, ORIGIN_HOST.getBytes(StandardCharsets.US_ASCII));
        tail.octets(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, ORIGIN_REALM.getBytes(StandardCharsets.US_ASCII));
        tail.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, ApplicationIds.CREDIT_CONTROL);
        tail.beginGroup(AvpCode.MULTIPLE_SERVICES_CREDIT_CONTROL, FLAG_MANDATORY, 0);
        tail.beginGroup(AvpCode.GRANTED_SERVICE_UNIT, FLAG_MANDATORY, 0);
        tail.uint64(AvpCode.CC_TOTAL_OCTETS, FLAG_MANDATORY, 0, GRANTED_OCTETS);
        tail.endGroup();
        tail.uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, RATING_GROUP);
        tail.uint32(AvpCode.RESULT_CODE, FLAG_MANDATORY, 0, ResultCode.SUCCESS);
        tail.endGroup();
        final byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof ByteBuf request)
        {
            try
            {
                onMessage(ctx, request, request.readerIndex());
            }
            finally
            {
                request.release();
            }
        }
        else
        {
            ReferenceCountUtil.release(msg);
            if (msg instanceof DiameterFramingError)
            {
                ctx.close();
            }
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }

    private void onMessage(final ChannelHandlerContext ctx, final ByteBuf request, final int offset)
    {
        header.wrap(request, offset);
        if (!header.isRequest())
        {
            return;
        }
        switch (header.commandCode())
        {
            case CommandCode.CREDIT_CONTROL -> ctx.write(creditControlAnswer(ctx, request, offset), ctx.voidPromise());
            case CommandCode.CAPABILITIES_EXCHANGE ->
            {
                final ByteBuf answer = ctx.alloc().ioBuffer(ANSWER_CAPACITY);
                capabilitiesAnswer.encodeAnswer(encoder.wrap(answer), echo.capture(request, offset, reader));
                ctx.write(answer, ctx.voidPromise());
            }
            case CommandCode.DEVICE_WATCHDOG ->
            {
                final ByteBuf answer = ctx.alloc().ioBuffer(ANSWER_CAPACITY);
                watchdogAnswer.encodeAnswer(encoder.wrap(answer), echo.capture(request, offset, reader));
                ctx.write(answer, ctx.voidPromise());
            }
            case CommandCode.DISCONNECT_PEER ->
            {
                final ByteBuf answer = ctx.alloc().ioBuffer(ANSWER_CAPACITY);
                disconnectAnswer.encodeAnswer(encoder.wrap(answer), echo.capture(request, offset, reader));
                ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            }
            default ->
            {
                // Not part of the traffic shape: a ceiling needs no answer to it.
            }
        }
    }

    /** The fixed CCA with the request's identifiers, Session-Id, CC-Request-Type and -Number copied in. */
    private ByteBuf creditControlAnswer(final ChannelHandlerContext ctx, final ByteBuf request, final int offset)
    {
        final ByteBuf answer = ctx.alloc().ioBuffer(ANSWER_CAPACITY);
        encoder.wrap(answer).header(header.flags() & FLAG_PROXIABLE, CommandCode.CREDIT_CONTROL, header.applicationId(),
            header.hopByHopId(), header.endToEndId());
        int missing = 3;
        reader.wrapMessage(request, offset);
        while (missing > 0 && reader.next())
        {
            final int code = reader.code();
            if (AvpCode.SESSION_ID == code || AvpCode.CC_REQUEST_TYPE == code || AvpCode.CC_REQUEST_NUMBER == code)
            {
                encoder.raw(request, reader.avpOffset(), reader.length());
                missing--;
            }
        }
        answer.writeBytes(CCA_TAIL);
        encoder.finish();
        return answer;
    }
}
