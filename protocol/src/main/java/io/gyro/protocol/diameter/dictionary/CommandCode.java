package io.gyro.protocol.diameter.dictionary;

/**
 * Command Codes of the commands in the standard dictionary files, named after the command
 * ({@code Credit-Control} is {@link #CREDIT_CONTROL}). Mirrors the XML; {@code DictionaryConstantsTest} fails
 * when the two disagree.
 */
public final class CommandCode
{
    /** CER/CEA, RFC 6733 §5.3. */
    public static final int CAPABILITIES_EXCHANGE = 257;

    /** RAR/RAA, RFC 6733 §8.3; sent by the OCS under application 4 (RFC 4006 §5.5). */
    public static final int RE_AUTH = 258;

    /** ACR/ACA, RFC 6733 §9.7. */
    public static final int ACCOUNTING = 271;

    /** CCR/CCA, RFC 4006 §3. */
    public static final int CREDIT_CONTROL = 272;

    /** ASR/ASA, RFC 6733 §8.5. */
    public static final int ABORT_SESSION = 274;

    /** STR/STA, RFC 6733 §8.4. */
    public static final int SESSION_TERMINATION = 275;

    /** DWR/DWA, RFC 6733 §5.5. */
    public static final int DEVICE_WATCHDOG = 280;

    /** DPR/DPA, RFC 6733 §5.4. */
    public static final int DISCONNECT_PEER = 282;

    private CommandCode()
    {
    }
}
