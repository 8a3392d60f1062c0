package io.gyro.server.session;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Session keys as text: a Session-Id as it is, anything else as hex, and no two keys with one text. */
class SessionKeyTextTest
{
    @Test
    void shouldShowSessionIdsAsTheyAreAndOtherKeysAsHex()
    {
        assertEquals("pgw1.example;1234;5", SessionKeyText.of(bytes("pgw1.example;1234;5")));
        assertEquals("pgw1.example;caf\u00e9", SessionKeyText.of(bytes("pgw1.example;caf\u00e9")), "UTF-8 text");

        // A RADIUS key: a zero octet, a kind, a client id; no text.
        assertEquals("hex:004e0a0b", SessionKeyText.of(new byte[] {0, 'N', 0x0A, 0x0B}));
        assertEquals("hex:ff", SessionKeyText.of(new byte[] {(byte)0xFF}), "not UTF-8");
        assertEquals("hex:610962", SessionKeyText.of(bytes("a\tb")), "a control character");

        // A text key that looks like the hex form is shown as hex too, so one text never names two keys.
        final String lookalike = SessionKeyText.of(bytes("hex:00"));
        assertEquals("hex:6865783a3030", lookalike);
        assertNotEquals(SessionKeyText.of(new byte[] {0}), lookalike);
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
