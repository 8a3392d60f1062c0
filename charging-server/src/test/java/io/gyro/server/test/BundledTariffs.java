package io.gyro.server.test;

/**
 * The bundled config/gyro.yaml tariffs and demo balances, written out by hand (money-scale 4: 1.0000 = 10000 minor)
 * so that expected charges do not come from the server's own configuration parser. A test that overrides a tariff
 * states its own numbers instead.
 */
public final class BundledTariffs
{
    /** 1 MiB. */
    public static final long MIB = 1L << 20;

    /** Rating group 10, data: per started MiB. */
    public static final long DATA_QUANTUM = MIB;
    /** Rating group 10, data: 0.0100 per quantum. */
    public static final long DATA_PRICE_MINOR = 100;
    /** Rating group 10, data: default grant 10 MiB. */
    public static final long DATA_DEFAULT_GRANT = 10 * MIB;

    /** Rating group 20, voice: per started second. */
    public static final long VOICE_QUANTUM = 1;
    /** Rating group 20, voice: 0.0100 per second. */
    public static final long VOICE_PRICE_MINOR = 100;

    /** Rating group 30, messaging: per event. */
    public static final long MESSAGING_QUANTUM = 1;
    /** Rating group 30, messaging: 0.0500 per event. */
    public static final long MESSAGING_PRICE_MINOR = 500;

    /** Every demo subscriber starts with 100.00. */
    public static final long DEMO_OPENING_MINOR = 1_000_000;
    /** The demo account 491709999991 starts with 0.0500. */
    public static final long POOR_OPENING_MINOR = 500;

    private BundledTariffs()
    {
    }

    /**
     * @param octets data used.
     * @return the data charge the bundled tariff makes for it.
     */
    public static long dataChargeMinor(final long octets)
    {
        return Invariants.chargeMinor(octets, DATA_QUANTUM, DATA_PRICE_MINOR);
    }
}
