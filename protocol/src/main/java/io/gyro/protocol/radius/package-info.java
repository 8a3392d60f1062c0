/**
 * RADIUS wire layer (RFC 2865, 2866, 2869, 3579, 5080, 5176): packet layout constants, a zero-copy
 * {@link io.gyro.protocol.radius.RadiusPacketFlyweight} with a reusable attribute iterator (including
 * Vendor-Specific sub-attributes in the 1+1, Starent 2+2 and WiMAX 1+1+continuation formats), a validator
 * that reports a bounded reason instead of throwing, authenticator and password-hiding primitives, an encoder
 * that writes straight into a Netty {@code ByteBuf}, and a FreeRADIUS-format dictionary used for
 * human-readable rendering.
 * <p>
 * Threading: flyweights, iterators, encoders and {@link io.gyro.protocol.radius.RadiusAuthenticators} are
 * mutable and reused; keep one instance per event loop (or per thread). {@link io.gyro.protocol.radius.RadiusDictionary}
 * and {@link io.gyro.protocol.radius.RadiusSecret} are immutable and may be shared.
 * <p>
 * Must not depend on the ledger, the configuration module or the server; it needs only Netty's buffer API and
 * the JDK. Everything configurable (secrets, dictionaries) arrives as constructor or method arguments.
 */
package io.gyro.protocol.radius;
