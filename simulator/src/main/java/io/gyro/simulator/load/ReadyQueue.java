package io.gyro.simulator.load;

/**
 * FIFO of session slots ready to send their next request, preallocated for every slot (an int ring, no boxing).
 * A slot is in the queue at most once: {@link #offer(int)} of a queued slot is ignored, so a slot made ready twice
 * (an answer, then a RAR) cannot be sent twice. Not thread safe; owned by one event loop.
 */
public final class ReadyQueue
{
    private final int[] ring;
    private final boolean[] queued;
    private int head;
    private int size;

    /**
     * @param capacity number of slots.
     */
    public ReadyQueue(final int capacity)
    {
        ring = new int[capacity];
        queued = new boolean[capacity];
    }

    /**
     * @param slot to append.
     * @return false when it was already queued.
     */
    public boolean offer(final int slot)
    {
        if (queued[slot])
        {
            return false;
        }
        queued[slot] = true;
        ring[(head + size) % ring.length] = slot;
        size++;
        return true;
    }

    /** @return the oldest slot, or -1 when empty. */
    public int poll()
    {
        if (0 == size)
        {
            return -1;
        }
        final int slot = ring[head];
        head = (head + 1) % ring.length;
        size--;
        queued[slot] = false;
        return slot;
    }

    /** @return queued slots. */
    public int size()
    {
        return size;
    }

    /**
     * @param slot a slot.
     * @return true when it is queued.
     */
    public boolean contains(final int slot)
    {
        return queued[slot];
    }
}
