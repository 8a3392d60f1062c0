package io.gyro.simulator.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadyQueueTest
{
    @Test
    void shouldServeSlotsFirstInFirstOutAndHoldEachOnce()
    {
        final ReadyQueue queue = new ReadyQueue(3);
        assertTrue(queue.offer(2));
        assertTrue(queue.offer(0));
        assertFalse(queue.offer(2), "already queued");
        assertEquals(2, queue.size());
        assertEquals(2, queue.poll());
        assertTrue(queue.offer(2), "may queue again once taken");
        assertTrue(queue.offer(1));
        assertEquals(0, queue.poll());
        assertEquals(2, queue.poll());
        assertEquals(1, queue.poll());
        assertEquals(-1, queue.poll());
    }

    @Test
    void shouldWrapAroundItsRing()
    {
        final ReadyQueue queue = new ReadyQueue(2);
        for (int round = 0; round < 5; round++)
        {
            queue.offer(0);
            queue.offer(1);
            assertEquals(0, queue.poll());
            assertEquals(1, queue.poll());
        }
        assertFalse(queue.contains(0));
    }
}
