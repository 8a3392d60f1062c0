package io.gyro.simulator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Weights of data, voice and event sessions ({@code --mix data=80,voice=15,event=5}); each new session draws its
 * kind from the run's seeded random source, so a run is reproducible from {@code --seed}.
 */
public final class TrafficMix
{
    private final int[] weights = new int[ServiceKind.values().length];
    private final int total;

    /**
     * @param data  weight of data sessions.
     * @param voice weight of voice sessions.
     * @param event weight of event requests.
     */
    public TrafficMix(final int data, final int voice, final int event)
    {
        if (data < 0 || voice < 0 || event < 0)
        {
            throw new IllegalArgumentException("mix weights must not be negative");
        }
        weights[ServiceKind.DATA.ordinal()] = data;
        weights[ServiceKind.VOICE.ordinal()] = voice;
        weights[ServiceKind.EVENT.ordinal()] = event;
        total = data + voice + event;
        if (total <= 0)
        {
            throw new IllegalArgumentException("mix needs at least one positive weight");
        }
    }

    /** @return data only: the standard traffic shape of the reported figures. */
    public static TrafficMix dataOnly()
    {
        return new TrafficMix(1, 0, 0);
    }

    /**
     * @param text {@code data=80,voice=15,event=5}; kinds left out weigh 0.
     * @return the mix.
     */
    public static TrafficMix parse(final String text)
    {
        final int[] parsed = new int[ServiceKind.values().length];
        for (final String part : text.split(","))
        {
            final int equals = part.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalArgumentException("mix entry must be kind=weight: " + part);
            }
            final ServiceKind kind = ServiceKind.parse(part.substring(0, equals));
            try
            {
                parsed[kind.ordinal()] = Integer.parseInt(part.substring(equals + 1).trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("mix weight must be an integer: " + part, ex);
            }
        }
        return new TrafficMix(parsed[0], parsed[1], parsed[2]);
    }

    /**
     * @param random the caller's (per connection) random source.
     * @return the kind of the next session.
     */
    public ServiceKind pick(final SplittableRandom random)
    {
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++)
        {
            draw -= weights[i];
            if (draw < 0)
            {
                return ServiceKind.of(i);
            }
        }
        throw new IllegalStateException("unreachable: weights sum to " + total);
    }

    /**
     * @param kind a service kind.
     * @return its weight.
     */
    public int weight(final ServiceKind kind)
    {
        return weights[kind.ordinal()];
    }

    @Override
    public String toString()
    {
        return "data=" + weights[0] + ",voice=" + weights[1] + ",event=" + weights[2];
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof TrafficMix mix && Arrays.equals(weights, mix.weights);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(weights);
    }
}
