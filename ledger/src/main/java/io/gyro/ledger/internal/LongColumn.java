package io.gyro.ledger.internal;

import java.util.Arrays;

/**
 * A growable column of longs in fixed pages, indexed by a dense int id: growth never copies the data (no 2x
 * transient peak at 10 M accounts), and an unused tail costs at most one page. Cells start at 0.
 * Called only on the ledger thread.
 */
public final class LongColumn
{
    /**
     * 32 Ki cells (256 KiB) per page: under half of G1's smallest region (1 MiB), so a page is never a humongous
     * object that would occupy a whole region; small enough to waste little, large enough to keep the page table
     * tiny.
     */
    static final int PAGE_SHIFT = 15;
    static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    static final int PAGE_MASK = PAGE_SIZE - 1;

    private long[][] pages = new long[16][];

    /**
     * @param index cell.
     * @return value (0 if never set).
     */
    public long get(final int index)
    {
        return pages[index >>> PAGE_SHIFT][index & PAGE_MASK];
    }

    /**
     * @param index cell, already ensured.
     * @param value value.
     */
    public void set(final int index, final long value)
    {
        pages[index >>> PAGE_SHIFT][index & PAGE_MASK] = value;
    }

    /**
     * @param index cell.
     * @param delta amount to add.
     */
    public void add(final int index, final long delta)
    {
        pages[index >>> PAGE_SHIFT][index & PAGE_MASK] += delta;
    }

    /**
     * Make a cell addressable.
     *
     * @param index cell.
     */
    public void ensure(final int index)
    {
        final int page = index >>> PAGE_SHIFT;
        if (page >= pages.length)
        {
            pages = Arrays.copyOf(pages, Math.max(page + 1, pages.length * 2));
        }
        if (pages[page] == null)
        {
            pages[page] = new long[PAGE_SIZE];
        }
    }

    /**
     * @return bytes held by allocated pages.
     */
    public long allocatedBytes()
    {
        long pagesAllocated = 0;
        for (final long[] page : pages)
        {
            if (page != null)
            {
                pagesAllocated++;
            }
        }
        return pagesAllocated * PAGE_SIZE * 8L;
    }
}
