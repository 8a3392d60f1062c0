package io.gyro.config.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretTest
{
    @Test
    void shouldNeverPrintTheSecret()
    {
        final Secret secret = Secret.of("testing123");
        assertEquals(Secret.MASK, secret.toString());
        assertEquals(Secret.MASK, String.valueOf(secret));
        assertFalse(new RadiusClient("nas", Cidr.parse("10.0.0.0/8"), secret, RadiusVendor.GENERIC, 10, false)
            .toString().contains("testing123"));
    }

    @Test
    void shouldRevealOnlyOnRequest()
    {
        final Secret secret = Secret.of("testing123");
        assertEquals("testing123", secret.reveal());
        assertArrayEquals("testing123".getBytes(java.nio.charset.StandardCharsets.UTF_8), secret.utf8Bytes());
        assertEquals(10, secret.lengthInBytes());
    }

    @Test
    void shouldCompareWithAPresentedValue()
    {
        final Secret secret = Secret.of("token-0123456789");
        assertTrue(secret.matches("token-0123456789"));
        assertFalse(secret.matches("token-0123456780"));
        assertFalse(secret.matches("token"));
        assertFalse(secret.matches(null));
        assertEquals(Secret.of("a"), Secret.of("a"));
        assertNotEquals(Secret.of("a"), Secret.of("b"));
    }

    @Test
    void shouldRefuseAnEmptySecret()
    {
        assertThrows(IllegalArgumentException.class, () -> Secret.of(""));
        assertThrows(IllegalArgumentException.class, () -> Secret.of(null));
    }
}
