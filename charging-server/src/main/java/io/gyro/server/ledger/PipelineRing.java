package io.gyro.server.ledger;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerPipeline;

import java.util.concurrent.locks.LockSupport;

/**
 * {@link CommandRing} over the ledger's pipeline. The waiting publish parks briefly between attempts (ticks and
 * start-up loading only; request paths never wait).
 */
public final class PipelineRing implements CommandRing
{
    /** Pause between attempts of a waiting publish: short against a tick period, long against a CPU. */
    private static final long RETRY_PARK_NANOS = 50_000;

    private final LedgerPipeline pipeline;

    /**
     * @param pipeline the ledger pipeline.
     */
    public PipelineRing(final LedgerPipeline pipeline)
    {
        this.pipeline = pipeline;
    }

    @Override
    public <A> boolean tryPublish(final EventTranslatorOneArg<LedgerCommand, A> translator, final A argument)
    {
        return pipeline.tryPublish(translator, argument);
    }

    @Override
    public <A> void publish(final EventTranslatorOneArg<LedgerCommand, A> translator, final A argument)
    {
        while (!pipeline.tryPublish(translator, argument))
        {
            if (!pipeline.isReady())
            {
                throw new IllegalStateException("the ledger is not running");
            }
            LockSupport.parkNanos(RETRY_PARK_NANOS);
        }
    }

    @Override
    public long remainingCapacity()
    {
        return pipeline.remainingCapacity();
    }

    @Override
    public int bufferSize()
    {
        return pipeline.ringSize();
    }
}
