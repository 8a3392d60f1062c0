package io.gyro.ledger.internal;

/**
 * Sessions by the 64-bit hash of their key: an open-addressing table of the sessions themselves, with linear probing
 * and backward-shift deletion (no tombstones, so probe runs stay short under churn).
 * <p>
 * Every CCR looks its session up here. A general map keeps keys and values in two arrays, so a look-up misses the
 * cache twice before it reaches the session it must read anyway; probing the sessions directly (each holds its
 * {@link Session#keyHash}) costs one miss less. The table is kept at most a quarter full, so a hit reads on average
 * 1.2 sessions. Called only on the ledger thread.
 */
final class SessionKeyIndex
{
    private static final int MIN_CAPACITY = 1024;
    /** Grow when more than a quarter full. */
    private static final int LOAD_SHIFT = 2;

    private Session[] table = new Session[MIN_CAPACITY];
    private int mask = MIN_CAPACITY - 1;
    private int size;

    /**
     * @param hash   {@link Hashing#hash} of the key.
     * @param key    key bytes.
     * @param length key length.
     * @return the session with that key, or null.
     */
    Session find(final long hash, final byte[] key, final int length)
    {
        final Session[] t = table;
        final int m = mask;
        for (int i = home(hash, m); ; i = (i + 1) & m)
        {
            final Session s = t[i];
            if (s == null)
            {
                return null;
            }
            if (s.keyHash == hash && s.keyEquals(key, length))
            {
                return s;
            }
        }
    }

    /**
     * Index a session under its {@link Session#keyHash}. Sessions with equal keys are not expected (the ledger opens
     * a session only for a key it did not find); equal hashes of different keys are kept side by side.
     *
     * @param s session.
     */
    void add(final Session s)
    {
        if ((size + 1) << LOAD_SHIFT > table.length)
        {
            resize(table.length << 1);
        }
        insert(table, mask, s);
        size++;
    }

    /**
     * @param s an indexed session.
     */
    void remove(final Session s)
    {
        final Session[] t = table;
        final int m = mask;
        int hole = home(s.keyHash, m);
        while (t[hole] != s)
        {
            if (t[hole] == null)
            {
                throw new IllegalStateException("session " + s.sessionId + " is not indexed by its key");
            }
            hole = (hole + 1) & m;
        }
        // Backward shift: move each later entry of the run into the hole unless its home lies cyclically in
        // (hole, entry], where moving it would put it before its home.
        for (int i = (hole + 1) & m; t[i] != null; i = (i + 1) & m)
        {
            final int entryHome = home(t[i].keyHash, m);
            if (((i - entryHome) & m) >= ((i - hole) & m))
            {
                t[hole] = t[i];
                hole = i;
            }
        }
        t[hole] = null;
        size--;
    }

    /**
     * @return sessions indexed.
     */
    int size()
    {
        return size;
    }

    private void resize(final int capacity)
    {
        final Session[] old = table;
        final Session[] grown = new Session[capacity];
        final int m = capacity - 1;
        for (final Session s : old)
        {
            if (s != null)
            {
                insert(grown, m, s);
            }
        }
        table = grown;
        mask = m;
    }

    private static void insert(final Session[] t, final int m, final Session s)
    {
        int i = home(s.keyHash, m);
        while (t[i] != null)
        {
            i = (i + 1) & m;
        }
        t[i] = s;
    }

    private static int home(final long hash, final int m)
    {
        return (int)(hash ^ (hash >>> 32)) & m;
    }
}
