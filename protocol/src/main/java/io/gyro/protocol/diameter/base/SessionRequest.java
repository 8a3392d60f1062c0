package io.gyro.protocol.diameter.base;

import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.DiameterHeaderDescriptor;
import io.gyro.protocol.diameter.RequestEcho;
import io.gyro.protocol.diameter.dictionary.ApplicationIds;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.gyro.protocol.diameter.dictionary.CommandCode;
import io.netty.buffer.ByteBuf;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;

/**
 * The server-initiated session requests of credit control and their answers: Re-Auth-Request/Answer
 * (RFC 6733 §8.3, RFC 4006 §3.3-3.4, §5.5) and Abort-Session-Request/Answer (RFC 6733 §8.5). Sent to the
 * Origin-Host and Origin-Realm the session's CCRs came from, with Auth-Application-Id 4.
 *
 * @param commandCode       {@link CommandCode#RE_AUTH} or {@link CommandCode#ABORT_SESSION}.
 * @param sessionId         Session-Id octets.
 * @param originHost        Origin-Host.
 * @param originRealm       Origin-Realm.
 * @param destinationHost   Destination-Host of a request, null in an answer.
 * @param destinationRealm  Destination-Realm of a request, null in an answer.
 * @param authApplicationId Auth-Application-Id, -1 when absent.
 * @param reAuthRequestType RAR's Re-Auth-Request-Type (0 AUTHORIZE_ONLY), -1 otherwise.
 * @param ratingGroup       RAR's Rating-Group narrowing its scope (RFC 4006 §3.3), -1 for the whole session.
 * @param resultCode        Result-Code of an answer, -1 in a request.
 */
public record SessionRequest(
    int commandCode,
    byte[] sessionId,
    String originHost,
    String originRealm,
    String destinationHost,
    String destinationRealm,
    long authApplicationId,
    int reAuthRequestType,
    long ratingGroup,
    long resultCode)
{
    /**
     * @param buffer holding a RAR, RAA, ASR or ASA.
     * @param offset of its header.
     * @return the decoded message.
     */
    public static SessionRequest decode(final ByteBuf buffer, final int offset)
    {
        final BaseFields fields = BaseFields.read(buffer, offset);
        return new SessionRequest(buffer.getUnsignedMedium(offset + DiameterHeaderDescriptor.COMMAND_CODE_OFFSET),
            fields.sessionId, fields.originHost, fields.originRealm, fields.destinationHost, fields.destinationRealm,
            fields.authApplicationId, fields.reAuthRequestType, fields.ratingGroup, fields.resultCode);
    }

    /**
     * Write this as a RAR or ASR (R and P bits set; both are proxiable).
     *
     * @param encoder    wrapped on the output buffer.
     * @param hopByHopId Hop-by-Hop Identifier.
     * @param endToEndId End-to-End Identifier.
     * @return message length.
     */
    public int encodeRequest(final DiameterEncoder encoder, final int hopByHopId, final int endToEndId)
    {
        encoder.header(DiameterHeaderDescriptor.FLAG_REQUEST | DiameterHeaderDescriptor.FLAG_PROXIABLE,
            commandCode, ApplicationIds.CREDIT_CONTROL, hopByHopId, endToEndId);
        encoder.octets(AvpCode.SESSION_ID, FLAG_MANDATORY, 0, sessionId);
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, originHost);
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, originRealm);
        encoder.utf8(AvpCode.DESTINATION_REALM, FLAG_MANDATORY, 0, destinationRealm);
        encoder.utf8(AvpCode.DESTINATION_HOST, FLAG_MANDATORY, 0, destinationHost);
        encoder.uint32(AvpCode.AUTH_APPLICATION_ID, FLAG_MANDATORY, 0, ApplicationIds.CREDIT_CONTROL);
        if (CommandCode.RE_AUTH == commandCode)
        {
            encoder.int32(AvpCode.RE_AUTH_REQUEST_TYPE, FLAG_MANDATORY, 0, Math.max(0, reAuthRequestType));
            if (ratingGroup >= 0)
            {
                encoder.uint32(AvpCode.RATING_GROUP, FLAG_MANDATORY, 0, ratingGroup);
            }
        }
        return encoder.finish();
    }

    /**
     * Write the RAA or ASA answering a request.
     *
     * @param encoder wrapped on the output buffer.
     * @param echo    what the answer copies from the request (Session-Id included).
     * @return message length.
     */
    public int encodeAnswer(final DiameterEncoder encoder, final RequestEcho echo)
    {
        echo.writeAnswerHeader(encoder, false);
        echo.writeSessionId(encoder);
        encoder.uint32(AvpCode.RESULT_CODE, FLAG_MANDATORY, 0, resultCode);
        encoder.utf8(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, originHost);
        encoder.utf8(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, originRealm);
        echo.writeProxyInfos(encoder);
        return encoder.finish();
    }
}
