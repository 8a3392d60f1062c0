package io.gyro.server.radius;

import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerLimits;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.ServiceResult;
import io.gyro.protocol.radius.RadiusPacketDescriptor;
import io.gyro.server.ledger.Priority;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;

/**
 * One RADIUS request in flight between the lane and the ledger, possibly over several ledger commands (a
 * credential query before a reservation, an adoption before a fallback reservation, an unrated record after a
 * refusal). Holds its own copy of the request packet, where its attributes sit, what the next command needs, and the
 * ledger's results, copied on the ledger thread and read on the lane after the reply queue hands the entry back
 * (the queue's release/acquire orders the two).
 */
final class RadiusRequest
{
    /** What the request is, which decides its steps. */
    enum Kind
    {
        ACCESS,
        START,
        INTERIM,
        STOP,
        ACCOUNTING_ON_OFF,
        ACCOUNTING_OTHER,
        /** Server-originated after a top-up: reserve again and push the quota by CoA; nothing is answered. */
        REAUTHORIZE
    }

    /** The ledger command in flight. */
    enum Step
    {
        CREDENTIAL,
        RESERVE_ACCESS,
        ADOPT,
        RESERVE_SESSION,
        UPDATE,
        TERMINATE,
        RECORD_UNRATED,
        RELEASE_ORIGIN,
        REAUTHORIZE
    }

    final int index;
    final RadiusRequestAttributes attributes = new RadiusRequestAttributes();
    final byte[] requestAuthenticator = new byte[RadiusPacketDescriptor.AUTHENTICATOR_LENGTH];
    /** Client id, source address when the client is a network, declared NAS identity ({@link RadiusSessionKeys}). */
    final byte[] nasScope = new byte[RadiusSessionKeys.MAX_NAS_SCOPE_LENGTH];
    final byte[] sessionKey = new byte[LedgerLimits.MAX_SESSION_KEY_LENGTH];
    final byte[] classValue = new byte[ClassGenerator.LENGTH];

    /** The source address octets (4 or 16): where Disconnect/CoA for the session go. */
    final byte[] sourceAddress = new byte[16];
    int sourceAddressLength;

    Kind kind;
    Step step;
    Priority priority;
    NasClient client;
    int socket;
    Channel channel;
    InetSocketAddress sender;
    /** REAUTHORIZE only: where the CoA goes. */
    DynamicAuthorization.Target target;
    /**
     * The request packet while it is processed: {@link #ownPacket} for a datagram, null for a notification. A copy
     * rather than the datagram's buffer retained, because on epoll one read's datagrams are slices of one 64 KiB
     * buffer: 4,096 requests waiting for a stalled journal would pin 256 MiB of direct memory, where the copies are
     * 16 MiB allocated once.
     */
    ByteBuf packet;
    private final ByteBuf ownPacket =
        Unpooled.buffer(RadiusPacketDescriptor.MAX_PACKET_LENGTH, RadiusPacketDescriptor.MAX_PACKET_LENGTH);
    int packetOffset;
    int packetLength;
    int identifier;
    long duplicateKey;
    int duplicateSlot = -1;
    int nasScopeLength;
    long originKey;
    /** RELEASE_ORIGIN_SESSIONS: the ledger's session-id boundary (0 before the first command). */
    long releaseBoundary;
    /** ACCOUNTING_ON_OFF: when the NAS says the event happened, Unix seconds (see {@code RadiusLane.onOffEvent}). */
    long originEventSeconds;
    int sessionKeyLength;
    long ratingGroup;
    int unitType;
    long usedUnits;
    boolean triedAdoption;

    LedgerResult result;
    boolean duplicate;
    long journalSequence;
    long accountId;
    Object payload;
    LedgerResult serviceResult;
    long grantedUnits;
    int grantedUnitType;
    long cumulativeUsedUnits;
    boolean finalUnits;

    RadiusRequest(final int index)
    {
        this.index = index;
    }

    /**
     * Take the packet of a datagram: copied into this request's own buffer at index 0.
     *
     * @param content buffer holding the datagram.
     * @param offset  of the packet.
     * @param length  the packet's Length (validated: at most {@link RadiusPacketDescriptor#MAX_PACKET_LENGTH}).
     * @return the copy.
     */
    ByteBuf copyPacket(final ByteBuf content, final int offset, final int length)
    {
        ownPacket.clear().writeBytes(content, offset, length);
        packet = ownPacket;
        packetOffset = 0;
        packetLength = length;
        return ownPacket;
    }

    /**
     * Copy the ledger's outcome. Called on the ledger thread, after the journal holds the command's events.
     *
     * @param command the processed ring slot.
     */
    void copyResults(final LedgerCommand command)
    {
        result = command.result;
        if (Step.RELEASE_ORIGIN == step)
        {
            releaseBoundary = command.requestNumber;
        }
        duplicate = command.duplicate;
        journalSequence = command.journalSequence;
        accountId = command.accountId;
        payload = command.payload;
        if (command.serviceCount > 0)
        {
            final ServiceResult service = command.serviceResults[0];
            serviceResult = service.result;
            grantedUnits = service.grantedUnits;
            grantedUnitType = service.unitType;
            cumulativeUsedUnits = service.cumulativeUsedUnits;
            finalUnits = service.finalUnits;
        }
        else
        {
            serviceResult = null;
            grantedUnits = 0;
            grantedUnitType = 0;
            cumulativeUsedUnits = 0;
            finalUnits = false;
        }
    }

    /** @return true when the ledger journaled something for the last command. */
    boolean journaled()
    {
        return journalSequence > 0;
    }

    /** Release the request buffer and drop references, so the entry can be reused. */
    void clear()
    {
        packet = null;
        kind = null;
        step = null;
        client = null;
        channel = null;
        sender = null;
        target = null;
        priority = null;
        payload = null;
        duplicateSlot = -1;
        triedAdoption = false;
        accountId = 0;
        sessionKeyLength = 0;
        releaseBoundary = 0;
        originEventSeconds = 0;
    }
}
