package io.gyro.protocol.diameter.base;

import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterHeaderDescriptor;
import io.gyro.protocol.diameter.FailedAvp;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.netty.buffer.ByteBuf;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;

/**
 * Disconnect-Peer-Request and -Answer (RFC 6733 §5.4).
 *
 * @param originHost      Origin-Host.
 * @param originRealm     Origin-Realm.
 * @param disconnectCause Disconnect-Cause of a request (0 REBOOTING, 1 BUSY, 2 DO_NOT_WANT_TO_TALK_TO_YOU), -1 in
 *                        an answer.
 * @param resultCode      Result-Code of an answer, -1 in a request.
 */
public record DisconnectPeer(String originHost, String originRealm, int disconnectCause, long resultCode)
{
    /**
     * @param buffer holding a DPR or DPA.
     * @param offset of its header.
     * @return the decoded message.
     */
    public static DisconnectPeer decode(final ByteBuf buffer, final int offset)
    {
        final BaseFields fields = BaseFields.read(buffer, offset);
        return new DisconnectPeer(fields.originHost, fields.originRealm, fields.disconnectCause, fields.resultCode);
    }

    /**
     * Write a DPR.
     *
     * @param encoder    wrapped on the output buffer.
     * @param hopByHopId Hop-by-Hop Identifier.
     * @param endToEndId End-to-End Identifier.
     * @return message length.
     */
    public int encodeRequest(final DiameterEncoder encoder, final int hopByHopId, final int endToEndId)
    {
        encoder.header(DiameterHeaderDescriptor.FLAG_REQUEST, CommandCode.DISCONNECT_PEER, ApplicationIds.COMMON,
            hopByHopId, endToEndId);
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, originHost);
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, originRealm);
        encoder.int32(AvpCode.DISCONNECT_CAUSE, FLAG_MANDATORY, 0, disconnectCause);
        return encoder.finish();
    }

    /**
     * Write the DPA answering a DPR.
     *
     * @param encoder wrapped on the output buffer.
     * @param echo    what the answer copies from the DPR.
     * @return message length.
     */
    public int encodeAnswer(final DiameterEncoder encoder, final RequestEcho echo)
    {
        return encodeAnswer(encoder, echo, null, null);
    }

    /**
     * Write the DPA answering a DPR, with the AVP that made the DPR fail (RFC 6733 §5.4.2: the DPA has
     * {@code [Failed-AVP]}). A protocol error (3xxx) also sets the E bit (§7.1.3); the DPA's AVPs all belong to the
     * generic grammar of §7.2, so the answer follows it.
     *
     * @param encoder   wrapped on the output buffer.
     * @param echo      what the answer copies from the DPR.
     * @param failedAvp the offending AVP, or null.
     * @param request   buffer the failed AVP's offsets refer to (may be null when {@code failedAvp} is).
     * @return message length.
     */
    public int encodeAnswer(
        final DiameterEncoder encoder, final RequestEcho echo, final FailedAvp failedAvp, final ByteBuf request)
    {
        echo.writeAnswerHeader(encoder, resultCode >= 3000 && resultCode < 4000);
        encoder.uint32(AvpCode.RESULT_CODE, FLAG_MANDATORY, 0, resultCode);
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, originHost);
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, originRealm);
        if (null != failedAvp && failedAvp.isPresent())
        {
            failedAvp.writeTo(encoder, request);
        }
        return encoder.finish();
    }
}
