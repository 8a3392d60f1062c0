/**
 * Diameter dictionaries as data: which AVPs, commands, applications and Result-Codes Gyro knows, with the
 * grammar (Command Code Format, RFC 6733 §3.2) each message and grouped AVP must follow.
 * <p>
 * The data lives in XML files under {@code /io/gyro/protocol/diameter/dictionary/} on the classpath
 * ({@code base-rfc6733.xml}, {@code dcca-rfc4006.xml}, {@code 3gpp-ts32299.xml}); every entry cites the
 * RFC or 3GPP section it was copied from. {@link io.gyro.protocol.diameter.dictionary.DiameterDictionary}
 * loads them once at start-up into an immutable model whose per-AVP lookups are allocation-free, for the
 * decoders and validators of {@code io.gyro.protocol.diameter}. {@code AvpCode}, {@code CommandCode},
 * {@code ResultCode} and the value classes ({@code CcRequestType}, ...) mirror the XML as compile-time
 * constants; a test keeps the two in agreement.
 * <p>
 * Depends only on the JDK XML parser and Agrona collections. Must not depend on Netty, on the codec in
 * {@code io.gyro.protocol.diameter}, on RADIUS, on the ledger or on configuration: it describes the protocol,
 * it does not speak it.
 */
package io.gyro.protocol.diameter.dictionary;
