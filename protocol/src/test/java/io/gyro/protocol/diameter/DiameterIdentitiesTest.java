package io.gyro.protocol.diameter;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DiameterIdentity comparison: letters fold, nothing else does. */
class DiameterIdentitiesTest
{
    private static final byte[] OURS = "gyro-1.localdomain".getBytes(StandardCharsets.US_ASCII);

    private static boolean matches(final String received)
    {
        final ByteBuf buffer = Unpooled.wrappedBuffer(("xx" + received).getBytes(StandardCharsets.ISO_8859_1));
        return DiameterIdentities.equalsIgnoreCase(buffer, 2, received.length(), OURS);
    }

    @Test
    void shouldFoldTheCaseOfLettersOnly()
    {
        assertTrue(matches("gyro-1.localdomain"));
        assertTrue(matches("GYRO-1.LocalDomain"), "RFC 6733 §4.3.1: an FQDN, compared as DNS names are");
        assertFalse(matches("gyro\r1.localdomain"), "'-' (0x2D) and CR (0x0D) differ in the case bit only");
        assertFalse(matches("gyro-\u0011.localdomain"),
            "'1' (0x31) and 0x11 differ in the case bit only");
        assertFalse(matches("gyro-1nlocaldomain"), "'.' is not a letter");
        assertFalse(matches("gyro-1.localdomai"), "length");
        assertFalse(matches("gyro-2.localdomain"));
    }
}
