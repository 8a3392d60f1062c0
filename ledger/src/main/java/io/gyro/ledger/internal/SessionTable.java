package io.gyro.ledger.internal;

import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Sessions by key (64-bit hash, compared on a hit), by id, by account and by origin, plus the deadline heap
 * ordered by (deadline, session id) so due deadlines are processed in the same order live, on replay and after a
 * snapshot. Session objects are pooled: opening a session allocates nothing in steady state.
 * Called only on the ledger thread.
 */
public final class SessionTable
{
    private final SessionKeyIndex byKey = new SessionKeyIndex();
    private final Long2ObjectHashMap<Session> byId = new Long2ObjectHashMap<>();
    private final Int2ObjectHashMap<Session> byAccount = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<Session> byOrigin = new Long2ObjectHashMap<>();
    private final ArrayDeque<Session> pool = new ArrayDeque<>();
    private Session[] heap = new Session[1024];
    private int heapSize;

    /**
     * @param key    key bytes.
     * @param length key length.
     * @return the session or null.
     */
    public Session find(final byte[] key, final int length)
    {
        return byKey.find(Hashing.hash(key, 0, length), key, length);
    }

    /**
     * @param key    key bytes.
     * @param length key length.
     * @param hash   {@link Hashing#hash} of the key, computed beforehand (by the command's producer).
     * @return the session or null.
     */
    public Session find(final byte[] key, final int length, final long hash)
    {
        return byKey.find(hash, key, length);
    }

    /**
     * @param sessionId id.
     * @return the session or null.
     */
    public Session byId(final long sessionId)
    {
        return byId.get(sessionId);
    }

    /**
     * @return number of sessions in any state.
     */
    public int size()
    {
        return byId.size();
    }

    /**
     * Take a pooled session and index it.
     *
     * @param sessionId    id.
     * @param accountIndex owner.
     * @param originKey    origin.
     * @param keyBuffer    key.
     * @param keyOffset    key start.
     * @param keyLength    key length.
     * @return the session.
     */
    Session open(
        final long sessionId,
        final int accountIndex,
        final long originKey,
        final DirectBuffer keyBuffer,
        final int keyOffset,
        final int keyLength)
    {
        Session s = pool.pollFirst();
        if (s == null)
        {
            s = new Session();
        }
        s.sessionId = sessionId;
        s.accountIndex = accountIndex;
        s.originKey = originKey;
        keyBuffer.getBytes(keyOffset, s.keyFor(keyLength), 0, keyLength);
        s.keyLength = keyLength;
        indexKey(s);
        byId.put(sessionId, s);
        linkAccount(s);
        linkOrigin(s);
        return s;
    }

    /**
     * Unindex a session and return it to the pool.
     *
     * @param s session.
     */
    void remove(final Session s)
    {
        unindexKey(s);
        byId.remove(s.sessionId);
        unlinkAccount(s);
        unlinkOrigin(s);
        heapRemove(s);
        s.reset();
        pool.addFirst(s);
    }

    /**
     * Change a session's key.
     *
     * @param s         session.
     * @param keyBuffer new key.
     * @param keyOffset start.
     * @param keyLength length.
     */
    void rename(final Session s, final DirectBuffer keyBuffer, final int keyOffset, final int keyLength)
    {
        unindexKey(s);
        keyBuffer.getBytes(keyOffset, s.keyFor(keyLength), 0, keyLength);
        s.keyLength = keyLength;
        indexKey(s);
    }

    /**
     * Change a session's origin.
     *
     * @param s         session.
     * @param originKey new origin.
     */
    void changeOrigin(final Session s, final long originKey)
    {
        unlinkOrigin(s);
        s.originKey = originKey;
        linkOrigin(s);
    }

    /**
     * Sessions of an account, sorted by session id (deterministic order for decisions).
     *
     * @param accountIndex account.
     * @param scratch      reusable array holder.
     * @return number of sessions written to {@code scratch.sessions}.
     */
    public int sessionsOfAccount(final int accountIndex, final Scratch scratch)
    {
        int n = 0;
        for (Session s = byAccount.get(accountIndex); s != null; s = s.nextOfAccount)
        {
            n = scratch.add(n, s);
        }
        scratch.sort(n);
        return n;
    }

    /**
     * Sessions of an origin, sorted by session id.
     *
     * @param originKey origin.
     * @param scratch   reusable array holder.
     * @return number of sessions written to {@code scratch.sessions}.
     */
    public int sessionsOfOrigin(final long originKey, final Scratch scratch)
    {
        int n = 0;
        for (Session s = byOrigin.get(originKey); s != null; s = s.nextOfOrigin)
        {
            n = scratch.add(n, s);
        }
        scratch.sort(n);
        return n;
    }

    /**
     * Every session sorted by id (snapshots, hashing, audits).
     *
     * @param scratch reusable array holder.
     * @return count.
     */
    public int all(final Scratch scratch)
    {
        int n = 0;
        for (final Session s : byId.values())
        {
            n = scratch.add(n, s);
        }
        scratch.sort(n);
        return n;
    }

    // ------------------------------------------------------------------ deadline heap

    /**
     * Set or move a session's deadline. Moving it later (every answered command does) only updates the field: the
     * heap entry keeps its earlier key and is fixed up when it reaches the top, so a refresh costs O(1). Moving it
     * earlier re-sorts at once, so the heap key never exceeds the deadline.
     *
     * @param s          session.
     * @param deadlineMs new deadline.
     */
    void schedule(final Session s, final long deadlineMs)
    {
        s.deadlineMs = deadlineMs;
        if (s.heapIndex < 0)
        {
            if (heapSize == heap.length)
            {
                heap = Arrays.copyOf(heap, heap.length * 2);
            }
            s.heapKey = deadlineMs;
            s.heapIndex = heapSize;
            heap[heapSize++] = s;
            siftUp(s.heapIndex);
        }
        else if (deadlineMs < s.heapKey)
        {
            s.heapKey = deadlineMs;
            siftUp(s.heapIndex);
        }
    }

    /**
     * The due session with the earliest (deadline, session id), or null. Entries whose key lags their deadline
     * are re-keyed on the way (the heap is a derived index, so this changes no logical state); the result is the
     * same order an eagerly sorted heap gives.
     *
     * @param nowMs current time.
     * @return the session or null.
     */
    public Session peekDue(final long nowMs)
    {
        while (heapSize > 0)
        {
            final Session top = heap[0];
            if (top.heapKey > nowMs)
            {
                return null;
            }
            if (top.deadlineMs == top.heapKey)
            {
                return top;
            }
            top.heapKey = top.deadlineMs;
            siftDown(0);
        }
        return null;
    }

    private void heapRemove(final Session s)
    {
        final int i = s.heapIndex;
        if (i < 0)
        {
            return;
        }
        s.heapIndex = -1;
        final Session last = heap[--heapSize];
        heap[heapSize] = null;
        if (i < heapSize)
        {
            heap[i] = last;
            last.heapIndex = i;
            siftUp(i);
            siftDown(last.heapIndex);
        }
    }

    private static boolean before(final Session a, final Session b)
    {
        return a.heapKey < b.heapKey || (a.heapKey == b.heapKey && a.sessionId < b.sessionId);
    }

    private void siftUp(final int index)
    {
        int i = index;
        final Session s = heap[i];
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            final Session p = heap[parent];
            if (!before(s, p))
            {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = s;
        s.heapIndex = i;
    }

    private void siftDown(final int index)
    {
        int i = index;
        final Session s = heap[i];
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= heapSize)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < heapSize && before(heap[right], heap[left]) ? right : left;
            if (!before(heap[child], s))
            {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = s;
        s.heapIndex = i;
    }

    // ------------------------------------------------------------------ links

    private void indexKey(final Session s)
    {
        s.keyHash = Hashing.hash(s.key, 0, s.keyLength);
        byKey.add(s);
    }

    private void unindexKey(final Session s)
    {
        byKey.remove(s);
    }

    private void linkAccount(final Session s)
    {
        final Session head = byAccount.put(s.accountIndex, s);
        s.prevOfAccount = null;
        s.nextOfAccount = head;
        if (head != null)
        {
            head.prevOfAccount = s;
        }
    }

    private void unlinkAccount(final Session s)
    {
        if (s.prevOfAccount != null)
        {
            s.prevOfAccount.nextOfAccount = s.nextOfAccount;
        }
        else if (s.nextOfAccount != null)
        {
            byAccount.put(s.accountIndex, s.nextOfAccount);
        }
        else
        {
            byAccount.remove(s.accountIndex);
        }
        if (s.nextOfAccount != null)
        {
            s.nextOfAccount.prevOfAccount = s.prevOfAccount;
        }
        s.prevOfAccount = null;
        s.nextOfAccount = null;
    }

    private void linkOrigin(final Session s)
    {
        final Session head = byOrigin.put(s.originKey, s);
        s.prevOfOrigin = null;
        s.nextOfOrigin = head;
        if (head != null)
        {
            head.prevOfOrigin = s;
        }
    }

    private void unlinkOrigin(final Session s)
    {
        if (s.prevOfOrigin != null)
        {
            s.prevOfOrigin.nextOfOrigin = s.nextOfOrigin;
        }
        else if (s.nextOfOrigin != null)
        {
            byOrigin.put(s.originKey, s.nextOfOrigin);
        }
        else
        {
            byOrigin.remove(s.originKey);
        }
        if (s.nextOfOrigin != null)
        {
            s.nextOfOrigin.prevOfOrigin = s.prevOfOrigin;
        }
        s.prevOfOrigin = null;
        s.nextOfOrigin = null;
    }

    /** A reusable, growable array of sessions for deterministic iteration. */
    public static final class Scratch
    {
        Session[] sessions = new Session[64];

        int add(final int n, final Session s)
        {
            if (n == sessions.length)
            {
                sessions = Arrays.copyOf(sessions, n * 2);
            }
            sessions[n] = s;
            return n + 1;
        }

        void sort(final int n)
        {
            if (n > 16)
            {
                Arrays.sort(sessions, 0, n, (a, b) -> Long.compare(a.sessionId, b.sessionId));
                return;
            }
            for (int i = 1; i < n; i++)
            {
                final Session s = sessions[i];
                int j = i - 1;
                while (j >= 0 && sessions[j].sessionId > s.sessionId)
                {
                    sessions[j + 1] = sessions[j];
                    j--;
                }
                sessions[j + 1] = s;
            }
        }

        /**
         * @param i index.
         * @return session at i.
         */
        public Session get(final int i)
        {
            return sessions[i];
        }

        /**
         * Drop references after use so pooled sessions are not pinned by stale entries.
         *
         * @param n count to clear.
         */
        public void clear(final int n)
        {
            Arrays.fill(sessions, 0, n, null);
        }
    }
}
