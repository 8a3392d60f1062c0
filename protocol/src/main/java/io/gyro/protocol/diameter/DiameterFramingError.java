package io.gyro.protocol.diameter;

/**
 * A damaged frame on a Diameter connection, passed down the pipeline in place of a message by
 * {@link DiameterFrameDecoder}. Once framing is lost nothing after it can be trusted, so the handler answers
 * (when the header says request) and closes the connection (RFC 6733 §3, §7.1.5, PROTOCOLS.md §1.7).
 *
 * @param reason      what was wrong.
 * @param header      copy of the first 20 octets (the would-be header) for building an answer.
 * @param declaredLength the Message Length field as read.
 */
public record DiameterFramingError(Reason reason, byte[] header, int declaredLength)
{
    /** What was wrong with the frame, with the Result-Code an answer carries. */
    public enum Reason
    {
        /** Version is not 1: 5011 DIAMETER_UNSUPPORTED_VERSION. */
        UNSUPPORTED_VERSION(5011),
        /** Message Length under 20 or not a multiple of 4: 5015 DIAMETER_INVALID_MESSAGE_LENGTH. */
        INVALID_LENGTH(5015),
        /** Message Length over the configured maximum: 5015, the frame is never buffered. */
        TOO_LONG(5015);

        private final int resultCode;

        Reason(final int resultCode)
        {
            this.resultCode = resultCode;
        }

        /** @return the Result-Code to answer with. */
        public int resultCode()
        {
            return resultCode;
        }
    }

    /** @return true when the damaged header has the R bit, so an answer is owed. */
    public boolean isRequest()
    {
        return (header[DiameterHeaderDescriptor.FLAGS_OFFSET] & DiameterHeaderDescriptor.FLAG_REQUEST) != 0;
    }
}
