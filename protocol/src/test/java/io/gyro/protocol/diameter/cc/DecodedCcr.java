package io.gyro.protocol.diameter.cc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;

/** A decoded CCR as text, to compare two decodes of one message field by field. */
public final class DecodedCcr
{
    private DecodedCcr()
    {
    }

    /** Every public no-argument getter of the decoder, then of each kept MSCC and each Subscription-Id. */
    public static String describe(final CreditControlRequestDecoder decoder)
    {
        final StringBuilder text = new StringBuilder();
        appendGetters(text, decoder);
        for (int i = 0; i < decoder.subscriptionIdCount(); i++)
        {
            text.append("\nsubscription-id ").append(i).append(": ").append(decoder.subscriptionIdType(i))
                .append(' ').append(decoder.subscriptionIdDataOffset(i))
                .append(' ').append(decoder.subscriptionIdDataLength(i));
        }
        for (int i = 0; i < Math.min(decoder.msccCount(), CreditControlRequestDecoder.MAX_MSCC); i++)
        {
            final MultipleServicesCreditControlDecoder mscc = decoder.mscc(i);
            text.append("\nmscc ").append(i).append(": ");
            appendGetters(text, mscc);
            text.append(" redirectServerAddress=").append(mscc.redirectServerAddress());
        }
        return text.toString();
    }

    private static void appendGetters(final StringBuilder text, final Object view)
    {
        final Method[] methods = view.getClass().getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (final Method method : methods)
        {
            if (method.getParameterCount() != 0 || method.getDeclaringClass() == Object.class ||
                Modifier.isStatic(method.getModifiers()))
            {
                continue;
            }
            final Class<?> type = method.getReturnType();
            // The views hand out their ServiceUnits; ServiceUnits' own fluent methods (clear, markPresent) mutate.
            final boolean nestedUnits = type == ServiceUnits.class && !(view instanceof ServiceUnits);
            if (!type.isPrimitive() && !nestedUnits || type == void.class)
            {
                continue;
            }
            try
            {
                final Object value = method.invoke(view);
                text.append(method.getName()).append('=');
                if (value instanceof ServiceUnits units)
                {
                    text.append('{');
                    appendGetters(text, units);
                    text.append('}');
                }
                else
                {
                    text.append(value);
                }
                text.append(' ');
            }
            catch (final ReflectiveOperationException ex)
            {
                throw new AssertionError(method.getName(), ex);
            }
        }
    }
}
