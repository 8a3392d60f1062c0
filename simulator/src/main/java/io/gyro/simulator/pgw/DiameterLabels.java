package io.gyro.simulator.pgw;

import io.gyro.protocol.diameter.dictionary.ResultCode;
import io.gyro.simulator.report.ProtocolLabels;

/** Request types and Result-Code names of the Diameter Gy simulator. */
public final class DiameterLabels implements ProtocolLabels
{
    /** CCR-I. */
    public static final int INITIAL = 0;
    /** CCR-U. */
    public static final int UPDATE = 1;
    /** CCR-T. */
    public static final int TERMINATION = 2;
    /** CCR-E (EVENT_REQUEST). */
    public static final int EVENT = 3;
    private static final String[] TYPES = {"CCR-I", "CCR-U", "CCR-T", "CCR-E"};

    @Override
    public String[] requestTypes()
    {
        return TYPES.clone();
    }

    @Override
    public String resultName(final int code)
    {
        return ResultCode.name(code);
    }

    @Override
    public boolean isError(final int code)
    {
        return ResultCode.SUCCESS != code && ResultCode.LIMITED_SUCCESS != code;
    }

    @Override
    public String serviceResultLabel()
    {
        return "MSCC result codes";
    }
}
