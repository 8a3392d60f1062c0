package io.gyro.server.session;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A ledger session key as text for people and files (the admin API, CDRs), and back. A Diameter Session-Id is
 * UTF-8 text (RFC 6733 §8.8) and is shown as it is; a key that is not printable UTF-8, such as a RADIUS key (a zero
 * octet, a client id, binary addresses), is shown as {@code hex:} and its octets, which no Session-Id can begin
 * with (a DiameterIdentity has no colon). Either way the text names exactly one key.
 */
public final class SessionKeyText
{
    /** Prefix of a key shown as hexadecimal octets. */
    public static final String HEX_PREFIX = "hex:";

    private static final HexFormat HEX = HexFormat.of();

    private SessionKeyText()
    {
    }

    /**
     * @param key a session key.
     * @return its text: the key itself when it is printable UTF-8, else {@code hex:} and its octets.
     */
    public static String of(final byte[] key)
    {
        final String text = printableUtf8(key);
        return null != text && !text.startsWith(HEX_PREFIX) ? text : HEX_PREFIX + HEX.formatHex(key);
    }

    private static String printableUtf8(final byte[] key)
    {
        final String text;
        try
        {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(key))
                .toString();
        }
        catch (final CharacterCodingException ex)
        {
            return null;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (Character.isISOControl(text.charAt(i)))
            {
                return null;
            }
        }
        return text;
    }
}
