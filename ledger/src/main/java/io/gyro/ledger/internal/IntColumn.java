package io.gyro.ledger.internal;

import java.util.Arrays;

/**
 * A growable column of ints in fixed pages, indexed by a dense int id: growth never copies the data (no 2x
 * transient peak at 10 M accounts), and an unused tail costs at most one page. Cells start at 0.
 * Called only on the ledger thread.
 */
public final class IntColumn
{
    /** 32 Ki cells (128 KiB) per page, like {@link LongColumn}. */
    static final int PAGE_SHIFT = 15;
    static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    static final int PAGE_MASK = PAGE_SIZE - 1;

    private int[][] pages = new int[16][];

    /**
     * @param index cell.
     * @return value (0 if never set).
     */
    public int get(final int index)
    {
        return pages[index >>> PAGE_SHIFT][index & PAGE_MASK];
    }

    /**
     * @param index cell, already ensured.
     * @param value value.
     */
    public void set(final int index, final int value)
    {
        pages[index >>> PAGE_SHIFT][index & PAGE_MASK] = value;
    }

    /**
     * @param index cell.
     * @param delta amount to add.
     */
    public void add(final int index, final int delta)
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
            pages[page] = new int[PAGE_SIZE];
        }
    }

    /**
     * @return bytes held by allocated pages.
     */
    public long allocatedBytes()
    {
        long pagesAllocated = 0;
        for (final int[] page : pages)
        {
            if (page != null)
            {
                pagesAllocated++;
            }
        }
        return pagesAllocated * PAGE_SIZE * 4L;
    }
}
