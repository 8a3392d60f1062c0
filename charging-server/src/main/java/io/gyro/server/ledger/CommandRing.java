package io.gyro.server.ledger;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.gyro.ledger.LedgerCommand;

/**
 * The part of the ledger pipeline the server publishes through: a multi-producer ring of pre-allocated
 * {@link LedgerCommand} slots.
 */
public interface CommandRing
{
    /**
     * Publish if a slot is free; never blocks.
     *
     * @param translator fills the slot.
     * @param argument   passed to the translator.
     * @param <A>        argument type.
     * @return false when the ring is full.
     */
    <A> boolean tryPublish(EventTranslatorOneArg<LedgerCommand, A> translator, A argument);

    /**
     * Publish, waiting for a free slot.
     *
     * @param translator fills the slot.
     * @param argument   passed to the translator.
     * @param <A>        argument type.
     */
    <A> void publish(EventTranslatorOneArg<LedgerCommand, A> translator, A argument);

    /** @return free slots now. */
    long remainingCapacity();

    /** @return total slots. */
    int bufferSize();
}
