package io.gyro.server.diameter;

import io.gyro.ledger.FinalUnitAction;
import io.gyro.ledger.rating.Tariff;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a tariff's Final-Unit-Indication is written (RFC 4006 §8.34): the action, and for REDIRECT the
 * Redirect-Server, for RESTRICT_ACCESS the Restriction-Filter-Rules and the Filter-Id; prepared once as octets.
 *
 * @param action       0 TERMINATE, 1 REDIRECT, 2 RESTRICT_ACCESS.
 * @param addressType  Redirect-Address-Type (0 IPv4, 1 IPv6, 2 URL, 3 SIP URI).
 * @param address      Redirect-Server-Address octets, or null.
 * @param filterRules  Restriction-Filter-Rule octets, possibly empty.
 * @param filterId     Filter-Id octets (UTF-8), or null.
 */
record FinalUnitPolicy(int action, int addressType, byte[] address, byte[][] filterRules, byte[] filterId)
{
    /** TERMINATE, the default (RFC 4006 §8.35). */
    static final FinalUnitPolicy TERMINATE = new FinalUnitPolicy(0, 0, null, new byte[0][], null);

    /**
     * @param tariff a journaled tariff.
     * @return its policy.
     */
    static FinalUnitPolicy of(final Tariff tariff)
    {
        return switch (tariff.finalUnitAction())
        {
            case FinalUnitAction.REDIRECT -> new FinalUnitPolicy(FinalUnitAction.REDIRECT, tariff.redirectAddressType(),
                tariff.redirectAddress().getBytes(StandardCharsets.UTF_8), new byte[0][], null);
            case FinalUnitAction.RESTRICT_ACCESS -> new FinalUnitPolicy(FinalUnitAction.RESTRICT_ACCESS, 0, null,
                rules(tariff.restrictionFilterRules()), filterId(tariff.filterId()));
            default -> TERMINATE;
        };
    }

    private static byte[] filterId(final String filterId)
    {
        return null == filterId || filterId.isEmpty() ? null : filterId.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] rules(final List<String> rules)
    {
        final byte[][] octets = new byte[rules.size()][];
        for (int i = 0; i < octets.length; i++)
        {
            octets[i] = rules.get(i).getBytes(StandardCharsets.US_ASCII);
        }
        return octets;
    }
}
