package io.gyro.config.model;

import java.nio.file.Path;

/**
 * HTTPS for the admin API.
 *
 * @param enabled          whether the API speaks HTTPS instead of HTTP.
 * @param keyStore         PKCS#12 key store with the server key and certificate; null when disabled.
 * @param keyStorePassword its password; null when disabled; prints masked.
 */
public record TlsConfiguration(boolean enabled, Path keyStore, Secret keyStorePassword)
{
}
