package io.gyro.ledger.internal;

import java.util.Arrays;

/**
 * Min-heap of (expiry, bucket index) pairs: bucket expiries are popped in that order, the same live and after a
 * snapshot (which rebuilds the heap from the bucket columns). Called only on the ledger thread.
 */
public final class BucketExpiryHeap
{
    private long[] expiry = new long[256];
    private int[] bucket = new int[256];
    private int size;

    /**
     * @param expiryMs    expiry.
     * @param bucketIndex bucket.
     */
    public void push(final long expiryMs, final int bucketIndex)
    {
        if (size == expiry.length)
        {
            expiry = Arrays.copyOf(expiry, size * 2);
            bucket = Arrays.copyOf(bucket, size * 2);
        }
        int i = size++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!before(expiryMs, bucketIndex, expiry[parent], bucket[parent]))
            {
                break;
            }
            expiry[i] = expiry[parent];
            bucket[i] = bucket[parent];
            i = parent;
        }
        expiry[i] = expiryMs;
        bucket[i] = bucketIndex;
    }

    /**
     * @param nowMs time.
     * @return whether the earliest entry is due.
     */
    public boolean hasDue(final long nowMs)
    {
        return size > 0 && expiry[0] <= nowMs;
    }

    /**
     * Remove the earliest entry.
     *
     * @return its bucket index.
     */
    public int pop()
    {
        final int top = bucket[0];
        final long lastExpiry = expiry[--size];
        final int lastBucket = bucket[size];
        int i = 0;
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < size && before(expiry[right], bucket[right], expiry[left], bucket[left]) ?
                right : left;
            if (!before(expiry[child], bucket[child], lastExpiry, lastBucket))
            {
                break;
            }
            expiry[i] = expiry[child];
            bucket[i] = bucket[child];
            i = child;
        }
        expiry[i] = lastExpiry;
        bucket[i] = lastBucket;
        return top;
    }

    /**
     * @return entries.
     */
    public int size()
    {
        return size;
    }

    private static boolean before(final long e1, final int b1, final long e2, final int b2)
    {
        return e1 < e2 || (e1 == e2 && b1 < b2);
    }
}
