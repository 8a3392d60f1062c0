package io.gyro.protocol.diameter;

import io.gyro.protocol.diameter.cc.CreditControlRequestDecoder;
import io.gyro.protocol.diameter.cc.DecodedCcr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;


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

    static String describe(final CreditControlRequestDecoder decoder)
    {
        return DecodedCcr.describe(decoder);
    }
}
