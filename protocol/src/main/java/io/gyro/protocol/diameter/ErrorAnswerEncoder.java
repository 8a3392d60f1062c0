package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.netty.buffer.ByteBuf;

import static io.gyro.protocol.diameter.AvpDescriptor.FLAG_MANDATORY;

/**
 * Writes the generic error answer of RFC 6733 §7.2 for protocol errors (3xxx, E bit set):
 * <pre>
 * &lt;answer-message&gt; ::= &lt; Diameter Header: code, ERR [, PXY] &gt;
 *     0*1&lt; Session-Id &gt; { Origin-Host } { Origin-Realm } { Result-Code } [ Origin-State-Id ]
 *     [ Error-Message ] [ Error-Reporting-Host ] [ Failed-AVP ] [ Experimental-Result ] * [ Proxy-Info ] * [ AVP ]
 * </pre>
 * Permanent failures (5xxx) SHOULD use the command's own answer layout with the E bit clear (§7.1.5); where that
 * layout cannot be built (damaged framing, a command the node does not answer itself, a request without the values
 * its answer must echo), §7.1.5 allows this layout with the E bit instead. Not thread safe.
 */
public final class ErrorAnswerEncoder
{
    private final DiameterEncoder encoder = new DiameterEncoder();

    /**
     * Write a complete error answer.
     *
     * @param buffer       to write into.
     * @param echo         what the answer copies from its request.
     * @param resultCode   the protocol error (3xxx) or a permanent failure (5xxx).
     * @param errorBit     true for 3xxx (RFC 6733 §7.1.3), and for 5xxx in this layout (§7.1.5, §7.2).
     * @param originHost   our Origin-Host.
     * @param originRealm  our Origin-Realm.
     * @param errorMessage human-readable text for the peer's logs, or null.
     * @param failedAvp    the offending AVP, or null.
     * @param request      buffer the failed AVP's offsets refer to (may be null when {@code failedAvp} is).
     * @return the answer's length in octets.
     */
    public int write(
        final ByteBuf buffer,
        final RequestEcho echo,
        final long resultCode,
        final boolean errorBit,
        final byte[] originHost,
        final byte[] originRealm,
        final String errorMessage,
        final FailedAvp failedAvp,
        final ByteBuf request)
    {
        encoder.wrap(buffer);
        echo.writeAnswerHeader(encoder, errorBit);
        echo.writeSessionId(encoder);
        encoder.octets(AvpCode.ORIGIN_HOST, FLAG_MANDATORY, 0, originHost);
        encoder.octets(AvpCode.ORIGIN_REALM, FLAG_MANDATORY, 0, originRealm);
        encoder.uint32(AvpCode.RESULT_CODE, FLAG_MANDATORY, 0, resultCode);
        if (null != errorMessage)
        {
            // Error-Message: M bit MUST NOT be set (RFC 6733 §7.3).
            encoder.utf8(AvpCode.ERROR_MESSAGE, 0, 0, errorMessage);
        }
        if (null != failedAvp && failedAvp.isPresent())
        {
            failedAvp.writeTo(encoder, request);
        }
        echo.writeProxyInfos(encoder);
        return encoder.finish();
    }
}
