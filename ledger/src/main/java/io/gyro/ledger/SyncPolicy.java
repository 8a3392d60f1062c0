package io.gyro.ledger;

/** When the journal forces its pages to disk. */
public enum SyncPolicy
{
    /**
     * Never msync: written pages reach the page cache before any answer, so a process crash (kill -9) loses
     * nothing answered, but a power loss or kernel crash can lose the last seconds.
     */
    NONE,
    /**
     * msync once per Disruptor batch (SyncMode.SYNC plus appender.sync(), DEPENDENCIES.md section 5) before the
     * batch's answers leave: survives power loss, costs one msync (about 0.2-0.4 ms here) per batch.
     */
    BATCH
}
