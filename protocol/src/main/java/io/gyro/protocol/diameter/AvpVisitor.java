package io.gyro.protocol.diameter;

import io.netty.buffer.ByteBuf;

/**
 * Receives the AVPs of a message one by one during a walk, each Grouped AVP before its members (pre-order), so that
 * a decoder picks its fields in the same pass that validates the message
 * ({@link DiameterValidator#validate(ByteBuf, int, AvpVisitor)}) or in a walk of its own
 * ({@link AvpReader#accept(AvpVisitor, AvpReader[])}).
 * <p>
 * Because the walk is pre-order, the AVP visited at depth {@code d + 1} always belongs to the AVP last visited at
 * depth {@code d}: a visitor keeps "which group am I in" in a field per level instead of a stack of readers.
 */
@FunctionalInterface
public interface AvpVisitor
{
    /**
     * Visit one AVP.
     *
     * @param reader positioned on the AVP; only valid during the call.
     * @param depth  0 for the AVPs of the range walked (the message), 1 for the members of those Grouped AVPs, and
     *               so on.
     * @return true to be shown the members of this AVP, which must then be Grouped; the members of an AVP for which
     * this returned false are not visited.
     */
    boolean visit(AvpReader reader, int depth);
}
