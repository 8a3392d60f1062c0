package io.gyro.simulator.pgw;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.ErrorAnswerEncoder;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.base.CapabilitiesExchange;
import io.gyro.protocol.diameter.base.DeviceWatchdog;
import io.gyro.protocol.diameter.base.DisconnectPeer;
import io.gyro.protocol.diameter.base.SessionRequest;
import io.gyro.protocol.diameter.cc.CreditControlAnswerEncoder;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.gyro.protocol.diameter.dictionary.FinalUnitAction;
import io.gyro.protocol.diameter.dictionary.ReAuthRequestType;
import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.protocol.diameter.dictionary.VendorId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds the server's side of the conversation for tests, with the protocol module's encoders. */
public final class DiameterTestMessages
{
    /** The fake server's Origin-Host, as the real server's. */
    public static final String SERVER_HOST = "gyro.localdomain";
    /** The fake server's Origin-Realm. */
    public static final String SERVER_REALM = "localdomain";
    static final byte[] SERVER_HOST_BYTES = SERVER_HOST.getBytes(StandardCharsets.US_ASCII);
    static final byte[] SERVER_REALM_BYTES = SERVER_REALM.getBytes(StandardCharsets.US_ASCII);

    private DiameterTestMessages()
    {
    }

    static RequestEcho echo(final ByteBuf request)
    {
        return new RequestEcho().capture(request, request.readerIndex(), new AvpReader());
    }

    /**
     * @param alloc      allocator.
     * @param cer        the CER.
     * @param resultCode of the CEA.
     * @return the CEA.
     */
    public static ByteBuf cea(final ByteBufAllocator alloc, final ByteBuf cer, final long resultCode)
    {
        final ByteBuf out = alloc.buffer(256);
        new CapabilitiesExchange(SERVER_HOST, SERVER_REALM, List.of(new byte[] {127, 0, 0, 1}), 0, "fake-ocs", 1,
            List.of((long)VendorId.TGPP), List.of(ApplicationIds.CREDIT_CONTROL), List.of(), List.of(), List.of(), -1,
            resultCode, null).encodeAnswer(new DiameterEncoder().wrap(out), echo(cer));
        return out;
    }

    /**
     * @param alloc allocator.
     * @param dwr   the DWR.
     * @return the DWA.
     */
    public static ByteBuf dwa(final ByteBufAllocator alloc, final ByteBuf dwr)
    {
        final ByteBuf out = alloc.buffer(128);
        new DeviceWatchdog(SERVER_HOST, SERVER_REALM, 1, ResultCode.SUCCESS)
            .encodeAnswer(new DiameterEncoder().wrap(out), echo(dwr));
        return out;
    }

    /**
     * @param alloc allocator.
     * @param dpr   the DPR.
     * @return the DPA.
     */
    public static ByteBuf dpa(final ByteBufAllocator alloc, final ByteBuf dpr)
    {
        final ByteBuf out = alloc.buffer(128);
        new DisconnectPeer(SERVER_HOST, SERVER_REALM, -1, ResultCode.SUCCESS)
            .encodeAnswer(new DiameterEncoder().wrap(out), echo(dpr));
        return out;
    }

    /**
     * A CCA with one MSCC.
     *
     * @param alloc         allocator.
     * @param ccr           the request.
     * @param resultCode    command-level Result-Code.
     * @param serviceResult MSCC Result-Code, -1 for no MSCC at all.
     * @param unitKind      {@link io.gyro.protocol.diameter.cc.ServiceUnits} kind of the grant.
     * @param granted       units granted, -1 for no GSU.
     * @param finalUnits    add a Final-Unit-Indication (TERMINATE).
     * @return the CCA.
     */
    public static ByteBuf cca(
        final ByteBufAllocator alloc,
        final ByteBuf ccr,
        final long resultCode,
        final long serviceResult,
        final int unitKind,
        final long granted,
        final boolean finalUnits)
    {
        final Ccr request = Ccr.decode(ccr, ccr.readerIndex());
        final ByteBuf out = alloc.buffer(256);
        final CreditControlAnswerEncoder encoder = new CreditControlAnswerEncoder().begin(out, echo(ccr), resultCode,
            SERVER_HOST_BYTES, SERVER_REALM_BYTES, request.type(), request.number());
        if (serviceResult >= 0)
        {
            encoder.beginMscc();
            if (granted >= 0)
            {
                encoder.msccGranted(unitKind, granted);
            }
            encoder.ratingGroup(request.ratingGroup()).resultCode(serviceResult).validityTime(600);
            if (finalUnits)
            {
                encoder.finalUnitIndication(FinalUnitAction.TERMINATE);
            }
            encoder.endMscc();
        }
        encoder.finish();
        return out;
    }

    /**
     * @param alloc   allocator.
     * @param request any request.
     * @param code    a protocol error (3xxx).
     * @return the error answer, E bit set.
     */
    public static ByteBuf protocolError(final ByteBufAllocator alloc, final ByteBuf request, final long code)
    {
        final ByteBuf out = alloc.buffer(128);
        new ErrorAnswerEncoder().write(out, echo(request), code, true, SERVER_HOST_BYTES, SERVER_REALM_BYTES, null,
            null, null);
        return out;
    }

    /**
     * @param alloc       allocator.
     * @param commandCode {@link CommandCode#RE_AUTH} or {@link CommandCode#ABORT_SESSION}.
     * @param sessionId   the session.
     * @param peer        Origin-Host of the PGW.
     * @param hopByHopId  identifier.
     * @return the RAR or ASR.
     */
    public static ByteBuf sessionRequest(
        final ByteBufAllocator alloc, final int commandCode, final String sessionId, final String peer,
        final int hopByHopId)
    {
        final ByteBuf out = alloc.buffer(256);
        new SessionRequest(commandCode, sessionId.getBytes(StandardCharsets.UTF_8), SERVER_HOST, SERVER_REALM, peer,
            "sim.gyro", ApplicationIds.CREDIT_CONTROL,
            CommandCode.RE_AUTH == commandCode ? ReAuthRequestType.AUTHORIZE_ONLY : -1, -1, -1)
            .encodeRequest(new DiameterEncoder().wrap(out), hopByHopId, hopByHopId);
        return out;
    }
}
