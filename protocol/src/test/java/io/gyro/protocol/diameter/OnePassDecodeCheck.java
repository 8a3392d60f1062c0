package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.cc.CreditControlRequestDecoder;
import io.gyro.protocol.diameter.cc.MultipleServicesCreditControlDecoder;
import io.gyro.protocol.diameter.cc.ServiceUnits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The server validates and decodes a CCR in one walk ({@link CreditControlRequestDecoder#validateAndWrap}); this
 * checks that it answers exactly as validating ({@link DiameterValidator#validate(ByteBuf, int)}) and then decoding
 * ({@link CreditControlRequestDecoder#wrap(ByteBuf, int)}) in two walks: same verdict, same Result-Code and
 * Failed-AVP, and on an accepted message the same value from every getter of the decoder, its MSCCs and their units.
 */
final class OnePassDecodeCheck
{
    private final DiameterValidator twoPassValidator;
    private final DiameterValidator onePassValidator;
    private final CreditControlRequestDecoder twoPass = new CreditControlRequestDecoder();
    private final CreditControlRequestDecoder onePass = new CreditControlRequestDecoder();
    private final DiameterEncoder failedAvpEncoder = new DiameterEncoder();

    /**
     * @param twoPassValidator the validator of the test, configured as the server's.
     * @param onePassValidator a second validator configured the same way.
     */
    OnePassDecodeCheck(final DiameterValidator twoPassValidator, final DiameterValidator onePassValidator)
    {
        this.twoPassValidator = twoPassValidator;
        this.onePassValidator = onePassValidator;
    }

    /**
     * Compare the two ways on a CCR frame; leaves {@code twoPassValidator} with the verdict of the frame.
     *
     * @param frame holding one CCR at index 0.
     */
    void check(final ByteBuf frame)
    {
        final boolean validInOnePass = onePass.validateAndWrap(onePassValidator, frame, 0);
        final boolean valid = twoPassValidator.validate(frame, 0);
        assertEquals(valid, validInOnePass, "verdict");
        assertEquals(twoPassValidator.resultCode(), onePassValidator.resultCode(), "Result-Code");
        assertEquals(failedAvp(twoPassValidator, frame), failedAvp(onePassValidator, frame), "Failed-AVP");
        if (valid)
        {
            twoPass.wrap(frame, 0);
            assertEquals(describe(twoPass), describe(onePass), "decoded fields");
        }
    }

    private String failedAvp(final DiameterValidator validator, final ByteBuf frame)
    {
        if (!validator.failedAvp().isPresent())
        {
            return "none";
        }
        final ByteBuf out = Unpooled.buffer(1024);
        try
        {
            validator.failedAvp().writeTo(failedAvpEncoder.wrap(out), frame);
            return ByteBufUtil.hexDump(out);
        }
        finally
        {
            assertTrue(out.release());
        }
    }

    /** Every public no-argument getter of the decoder, then of each kept MSCC and each Subscription-Id. */
    static String describe(final CreditControlRequestDecoder decoder)
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
