package io.gyro.simulator.bras;

import io.gyro.protocol.radius.RadiusCode;
import io.gyro.simulator.report.ProtocolLabels;

/** Request types and response names of the RADIUS simulator; the "result" of a request is its response's Code. */
public final class RadiusLabels implements ProtocolLabels
{
    /** Access-Request. */
    public static final int ACCESS = 0;
    /** Accounting-Request, Acct-Status-Type Start. */
    public static final int START = 1;
    /** Accounting-Request, Interim-Update. */
    public static final int INTERIM = 2;
    /** Accounting-Request, Stop. */
    public static final int STOP = 3;
    private static final String[] TYPES = {"Access", "Acct-Start", "Acct-Interim", "Acct-Stop"};

    @Override
    public String[] requestTypes()
    {
        return TYPES.clone();
    }

    @Override
    public String resultName(final int code)
    {
        final String name = RadiusCode.name(code);
        return null == name ? "Code-" + code : name;
    }

    @Override
    public boolean isError(final int code)
    {
        return RadiusCode.ACCESS_ACCEPT != code && RadiusCode.ACCOUNTING_RESPONSE != code;
    }

    @Override
    public String serviceResultLabel()
    {
        return null;
    }
}
