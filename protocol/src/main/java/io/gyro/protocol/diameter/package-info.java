/**
 * Diameter base protocol codec (RFC 6733): framing for Netty, the zero-allocation header flyweight and AVP reader,
 * the encoder that back-patches lengths, answer building (what an answer copies from its request), validation
 * that yields a Result-Code and Failed-AVP instead of throwing, and human-readable rendering.
 * <p>
 * Sub-packages: {@code dictionary} (AVP and command definitions kept as data), {@code cc} (credit control,
 * RFC 4006 / TS 32.299), {@code base} (CER/DWR/DPR/RAR/ASR messages). Must not depend on the ledger, the
 * configuration or the server.
 */
package io.gyro.protocol.diameter;
