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
 * Device-Watchdog-Request and -Answer (RFC 6733 §5.5, RFC 3539 §3.4).
 *
 * @param originHost    Origin-Host.
 * @param originRealm   Origin-Realm.
 * @param originStateId Origin-State-Id, -1 when absent.
 * @param resultCode    Result-Code of an answer, -1 in a request.
 */
public record DeviceWatchdog(String originHost, String originRealm, long originStateId, long resultCode)
{
    /**
     * @param buffer holding a DWR or DWA.
     * @param offset of its header.
     * @return the decoded message.
     */
    public static DeviceWatchdog decode(final ByteBuf buffer, final int offset)
    {
        final BaseFields fields = BaseFields.read(buffer, offset);
        return new DeviceWatchdog(fields.originHost, fields.originRealm, fields.originStateId, fields.resultCode);
    }

    /**
     * Write a DWR.
     *
     * @param encoder    wrapped on the output buffer.
     * @param hopByHopId Hop-by-Hop Identifier.
     * @param endToEndId End-to-End Identifier.
     * @return message length.
     */
    public int encodeRequest(final DiameterEncoder encoder, final int hopByHopId, final int endToEndId)
    {
        encoder.header(DiameterHeaderDescriptor.FLAG_REQUEST, CommandCode.DEVICE_WATCHDOG, ApplicationIds.COMMON,
            hopByHopId, endToEndId);
        writeBody(encoder);
        return encoder.finish();
    }

    /**
     * Write the DWA answering a DWR.
     *
     * @param encoder wrapped on the output buffer.
     * @param echo    what the answer copies from the DWR.
     * @return message length.
     */
    public int encodeAnswer(final DiameterEncoder encoder, final RequestEcho echo)
    {
        return encodeAnswer(encoder, echo, null, null);
    }

    /**
     * Write the DWA answering a DWR, with the AVP that made the DWR fail (RFC 6733 §5.5.2: the DWA has
     * {@code [Failed-AVP]}). A protocol error (3xxx) also sets the E bit (§7.1.3); the DWA's AVPs all belong to the
     * generic grammar of §7.2, so the answer follows it.
     *
     * @param encoder   wrapped on the output buffer.
     * @param echo      what the answer copies from the DWR.
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
        if (originStateId >= 0)
        {
            encoder.uint32(AvpCode.ORIGIN_STATE_ID, FLAG_MANDATORY, 0, originStateId);
        }
        return encoder.finish();
    }

    private void writeBody(final DiameterEncoder encoder)
    {
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, originHost);
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, originRealm);
        if (originStateId >= 0)
        {
            encoder.uint32(AvpCode.ORIGIN_STATE_ID, FLAG_MANDATORY, 0, originStateId);
        }
    }
}
