package io.gyro.server.test;

import io.gyro.protocol.diameter.DiameterEncoder;
import io.gyro.protocol.diameter.cc.CreditControlRequestEncoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds CCRs for tests in a few words: {@code Ccr.initial("s1").msisdn("491700000001").mscc(10).bytes(client)}.
 */
public final class Ccr
{
    private final int type;
    private final long number;
    private final String sessionId;
    private String destinationRealm = "localdomain";
    private String destinationHost;
    private String originHost;
    private final List<Consumer<CreditControlRequestEncoder>> parts = new ArrayList<>();
    private boolean retransmitted;
    private int endToEndId;

    private Ccr(final int type, final long number, final String sessionId)
    {
        this.type = type;
        this.number = number;
        this.sessionId = sessionId;
    }

    /**
     * @param sessionId Session-Id.
     * @return a CCR-Initial, number 0.
     */
    public static Ccr initial(final String sessionId)
    {
        return new Ccr(1, 0, sessionId);
    }

    /**
     * @param sessionId Session-Id.
     * @param number    CC-Request-Number.
     * @return a CCR-Update.
     */
    public static Ccr update(final String sessionId, final long number)
    {
        return new Ccr(2, number, sessionId);
    }

    /**
     * @param sessionId Session-Id.
     * @param number    CC-Request-Number.
     * @return a CCR-Termination.
     */
    public static Ccr terminate(final String sessionId, final long number)
    {
        return new Ccr(3, number, sessionId);
    }

    /**
     * @param sessionId       Session-Id.
     * @param requestedAction Requested-Action.
     * @return a CCR-Event, number 0.
     */
    public static Ccr event(final String sessionId, final int requestedAction)
    {
        final Ccr ccr = new Ccr(4, 0, sessionId);
        ccr.parts.add(encoder -> encoder.requestedAction(requestedAction));
        return ccr;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param msisdn E.164 Subscription-Id.
     * @return this.
     */
    public Ccr msisdn(final String msisdn)
    {
        parts.add(encoder -> encoder.subscriptionId(0, ascii(msisdn)));
        return this;
    }

    /**
     * @param imsi IMSI Subscription-Id.
     * @return this.
     */
    public Ccr imsi(final String imsi)
    {
        parts.add(encoder -> encoder.subscriptionId(1, ascii(imsi)));
        return this;
    }

    /**
     * An MSCC with an empty RSU (server picks the grant).
     *
     * @param ratingGroup Rating-Group.
     * @return this.
     */
    public Ccr mscc(final long ratingGroup)
    {
        return mscc(ratingGroup, new ServiceUnits().markPresent(), null);
    }

    /**
     * @param ratingGroup Rating-Group.
     * @param requested   RSU, or null for none.
     * @param used        USU, or null for none.
     * @return this.
     */
    public Ccr mscc(final long ratingGroup, final ServiceUnits requested, final ServiceUnits used)
    {
        parts.add(encoder ->
        {
            encoder.beginMscc();
            if (null != requested)
            {
                encoder.requestedServiceUnit(requested);
            }
            if (null != used)
            {
                encoder.usedServiceUnit(used);
            }
            encoder.ratingGroup(ratingGroup).endMscc();
        });
        return this;
    }

    /**
     * Usage and a new empty RSU for data.
     *
     * @param ratingGroup Rating-Group.
     * @param usedOctets  CC-Total-Octets used.
     * @return this.
     */
    public Ccr usedOctets(final long ratingGroup, final long usedOctets)
    {
        return mscc(ratingGroup, new ServiceUnits().markPresent(), new ServiceUnits().totalOctets(usedOctets));
    }

    /**
     * Final usage without RSU.
     *
     * @param ratingGroup Rating-Group.
     * @param usedOctets  CC-Total-Octets used.
     * @return this.
     */
    public Ccr finalOctets(final long ratingGroup, final long usedOctets)
    {
        return mscc(ratingGroup, null, new ServiceUnits().totalOctets(usedOctets));
    }

    /**
     * Command-level RSU/USU (no MSCC).
     *
     * @param requested RSU or null.
     * @param used      USU or null.
     * @return this.
     */
    public Ccr commandLevel(final ServiceUnits requested, final ServiceUnits used)
    {
        parts.add(encoder ->
        {
            if (null != requested)
            {
                encoder.requestedServiceUnit(requested);
            }
            if (null != used)
            {
                encoder.usedServiceUnit(used);
            }
        });
        return this;
    }

    /**
     * @param writer writes extra AVPs with the raw encoder.
     * @return this.
     */
    public Ccr with(final Consumer<DiameterEncoder> writer)
    {
        parts.add(encoder -> writer.accept(encoder.encoder()));
        return this;
    }

    /**
     * @param realm Destination-Realm.
     * @return this.
     */
    public Ccr destinationRealm(final String realm)
    {
        this.destinationRealm = realm;
        return this;
    }

    /**
     * @param host Destination-Host.
     * @return this.
     */
    public Ccr destinationHost(final String host)
    {
        this.destinationHost = host;
        return this;
    }

    /**
     * @param host Origin-Host of the request (default: the client's).
     * @return this.
     */
    public Ccr originHost(final String host)
    {
        this.originHost = host;
        return this;
    }

    /**
     * Send with the T flag and a chosen End-to-End Identifier (a retransmission).
     *
     * @param endToEnd the original request's End-to-End Identifier.
     * @return this.
     */
    public Ccr retransmissionOf(final int endToEnd)
    {
        this.retransmitted = true;
        this.endToEndId = endToEnd;
        return this;
    }

    /**
     * @param client the client whose identifiers and Origin-Host to use.
     * @return the CCR's octets.
     */
    public byte[] bytes(final DiameterTestClient client)
    {
        return bytes(client, client.nextHopByHop(), 0 != endToEndId ? endToEndId : client.nextEndToEnd());
    }

    /**
     * @param client     supplies the Origin-Host.
     * @param hopByHopId Hop-by-Hop Identifier.
     * @param endToEndId End-to-End Identifier.
     * @return the CCR's octets.
     */
    public byte[] bytes(final DiameterTestClient client, final int hopByHopId, final int endToEndId)
    {
        final ByteBuf out = Unpooled.buffer();
        final CreditControlRequestEncoder encoder = new CreditControlRequestEncoder();
        encoder.begin(out, hopByHopId, endToEndId, ascii(sessionId),
            ascii(null != originHost ? originHost : client.originHost()), ascii("test.example"),
            ascii(destinationRealm), null == destinationHost ? null : ascii(destinationHost), ascii("32251@3gpp.org"),
            type, number);
        for (final Consumer<CreditControlRequestEncoder> part : parts)
        {
            part.accept(encoder);
        }
        encoder.finish();
        if (retransmitted)
        {
            encoder.markRetransmitted();
        }
        return ByteBufUtil.getBytes(out);
    }

    /**
     * Send to the server and decode the answer.
     *
     * @param client connected client.
     * @return the CCA.
     * @throws Exception on timeout.
     */
    public Cca send(final DiameterTestClient client) throws Exception
    {
        return Cca.decode(client.request(bytes(client)));
    }
}
