package io.gyro.perf.load;

import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterFrameDecoder;
import io.gyro.protocol.diameter.DiameterHeaderFlyweight;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.cc.CreditControlAnswerDecoder;
import io.gyro.protocol.diameter.cc.CreditControlRequestEncoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.CcRequestType;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.DisconnectCause;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EchoHandlerTest
{
    private static final byte[] SESSION_ID = "pgw1.sim.gyro;1700000000;0000000042;0000007".getBytes(StandardCharsets.US_ASCII);
    private final EmbeddedChannel channel = new EmbeddedChannel(new DiameterFrameDecoder(), new EchoHandler());

    @AfterEach
    void closeChannel()
    {
        channel.finishAndReleaseAll();
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static ByteBuf ccr(final int type, final long number, final int hopByHop, final int endToEnd)
    {
        final ByteBuf buffer = Unpooled.buffer(512);
        final CreditControlRequestEncoder ccr = new CreditControlRequestEncoder();
        ccr.begin(buffer, hopByHop, endToEnd, SESSION_ID, ascii("pgw1.sim.gyro"), ascii("sim.gyro"), ascii("localdomain"),
            null, ascii("32251@3gpp.org"), type, number);
        ccr.beginMscc().requestedServiceUnit(new ServiceUnits().markPresent()).ratingGroup(10).endMscc();
        ccr.finish();
        return buffer;
    }

    @Test
    void shouldEchoTheFixedCcaWithTheRequestsIdentifiersAndSessionIdCopiedIn()
    {
        channel.writeInbound(ccr(CcRequestType.UPDATE_REQUEST, 3, 0x1234_5678, 0x0ABC_DEF0));
        final ByteBuf answer = channel.readOutbound();
        try
        {
            final CreditControlAnswerDecoder cca = new CreditControlAnswerDecoder().wrap(answer, answer.readerIndex());
            final DiameterHeaderFlyweight header = cca.header();
            assertFalse(header.isRequest());
            assertEquals(CommandCode.CREDIT_CONTROL, header.commandCode());
            assertEquals(0x1234_5678, header.hopByHopId());
            assertEquals(0x0ABC_DEF0, header.endToEndId());
            assertEquals(answer.readableBytes(), header.messageLength());
            assertEquals(new String(SESSION_ID, StandardCharsets.US_ASCII), cca.sessionId());
            assertEquals(ResultCode.SUCCESS, cca.resultCode());
            assertEquals(CcRequestType.UPDATE_REQUEST, cca.ccRequestType());
            assertEquals(3, cca.ccRequestNumber());
            assertEquals(1, cca.msccCount());
            assertEquals(10, cca.mscc(0).ratingGroup());
            assertEquals(ResultCode.SUCCESS, cca.mscc(0).resultCode());
            assertEquals(EchoHandler.GRANTED_OCTETS, cca.mscc(0).granted().volumeOctets());
        }
        finally
        {
            answer.release();
        }
        assertNull(channel.readOutbound());
    }

    @Test
    void shouldAnswerCapabilitiesExchangeForCreditControl()
    {
        final ByteBuf request = Unpooled.buffer(256);
        new CapabilitiesExchange("pgw1.sim.gyro", "sim.gyro", List.of(new byte[]{127, 0, 0, 1}), 0, "test", 7,
            List.of(10415L), List.of(ApplicationIds.CREDIT_CONTROL), List.of(), List.of(), List.of(), -1, -1, null)
            .encodeRequest(new DiameterEncoder().wrap(request), 11, 12);
        channel.writeInbound(request);
        final ByteBuf answer = channel.readOutbound();
        try
        {
            final CapabilitiesExchange cea = CapabilitiesExchange.decode(answer, answer.readerIndex());
            assertEquals(ResultCode.SUCCESS, cea.resultCode());
            assertTrue(cea.supportsApplication(ApplicationIds.CREDIT_CONTROL));
            assertEquals(11, new DiameterHeaderFlyweight().wrap(answer, answer.readerIndex()).hopByHopId());
        }
        finally
        {
            answer.release();
        }
    }

    @Test
    void shouldAnswerDisconnectPeerAndClose()
    {
        final ByteBuf request = Unpooled.buffer(256);
        new DisconnectPeer("pgw1.sim.gyro", "sim.gyro", DisconnectCause.REBOOTING, -1)
            .encodeRequest(new DiameterEncoder().wrap(request), 21, 22);
        channel.writeInbound(request);
        final ByteBuf answer = channel.readOutbound();
        try
        {
            assertEquals(ResultCode.SUCCESS, DisconnectPeer.decode(answer, answer.readerIndex()).resultCode());
        }
        finally
        {
            answer.release();
        }
        assertFalse(channel.isOpen());
    }

    @Test
    void shouldCloseOnFramingDamage()
    {
        final ByteBuf garbage = Unpooled.buffer(20).writeInt(0x0200_0014).writeZero(16);
        channel.writeInbound(garbage);
        assertFalse(channel.isOpen());
        assertEquals(0, garbage.refCnt());
    }
}
