package io.gyro.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;

/**
 * RADIUS packet counters for the RADIUS listener to increment: packets received and sent by type (RFC 2865 §3,
 * RFC 2866 §4, RFC 5176 §2.3, RFC 5997), and packets dropped by reason. Every series is registered up front,
 * so counting is one array read and a {@link Counter#increment()}; codes outside the table count as
 * {@code other}. Thread safe.
 */
public final class RadiusMeters
{
    /** Why a RADIUS packet was silently discarded (RFC 2865 §3 and §4, RFC 5176 §3). */
    public enum DropReason
    {
        /** From an address that is no configured client. */
        UNKNOWN_CLIENT,
        /** Request Authenticator or Message-Authenticator did not verify (wrong shared secret, tampering). */
        BAD_AUTHENTICATOR,
        /** Length, attribute framing or a required attribute is wrong. */
        MALFORMED,
        /** A code this listener does not serve. */
        UNSUPPORTED_CODE,
        /** A retransmission of a request still being processed. */
        DUPLICATE_IN_PROGRESS,
        /** The ledger ring was too full to take the request. */
        OVERLOAD,
        /** Anything else. */
        OTHER;

        String label()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Packet type labels by RADIUS code; null entries count as {@code other}. */
    private static final String[] TYPES = new String[256];

    static
    {
        TYPES[1] = "access_request";
        TYPES[2] = "access_accept";
        TYPES[3] = "access_reject";
        TYPES[4] = "accounting_request";
        TYPES[5] = "accounting_response";
        TYPES[11] = "access_challenge";
        TYPES[12] = "status_server";
        TYPES[40] = "disconnect_request";
        TYPES[41] = "disconnect_ack";
        TYPES[42] = "disconnect_nak";
        TYPES[43] = "coa_request";
        TYPES[44] = "coa_ack";
        TYPES[45] = "coa_nak";
    }

    private final Counter[] received = new Counter[256];
    private final Counter[] sent = new Counter[256];
    private final Counter receivedOther;
    private final Counter sentOther;
    private final Counter[] drops = new Counter[DropReason.values().length];

    RadiusMeters(final MeterRegistry registry)
    {
        for (int code = 0; code < TYPES.length; code++)
        {
            if (null != TYPES[code])
            {
                received[code] = receivedCounter(registry, TYPES[code]);
                sent[code] = sentCounter(registry, TYPES[code]);
            }
        }
        receivedOther = receivedCounter(registry, "other");
        sentOther = sentCounter(registry, "other");
        for (final DropReason reason : DropReason.values())
        {
            drops[reason.ordinal()] = Counter.builder("gyro.radius.drops")
                .tag("reason", reason.label())
                .description("RADIUS packets silently discarded, by reason")
                .register(registry);
        }
    }

    private static Counter receivedCounter(final MeterRegistry registry, final String type)
    {
        return Counter.builder("gyro.radius.packets.received")
            .tag("type", type)
            .description("RADIUS packets received, by type")
            .register(registry);
    }

    private static Counter sentCounter(final MeterRegistry registry, final String type)
    {
        return Counter.builder("gyro.radius.packets.sent")
            .tag("type", type)
            .description("RADIUS packets sent, by type")
            .register(registry);
    }

    /**
     * @param code RADIUS code of a packet received.
     */
    public void received(final int code)
    {
        final Counter counter = code >= 0 && code < received.length ? received[code] : null;
        (null == counter ? receivedOther : counter).increment();
    }

    /**
     * @param code RADIUS code of a packet sent.
     */
    public void sent(final int code)
    {
        final Counter counter = code >= 0 && code < sent.length ? sent[code] : null;
        (null == counter ? sentOther : counter).increment();
    }

    /**
     * @param reason why a packet was discarded.
     */
    public void dropped(final DropReason reason)
    {
        drops[reason.ordinal()].increment();
    }
}
