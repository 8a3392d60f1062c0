package io.gyro.protocol.diameter.base;

import io.gyro.protocol.diameter.AvpReader;
import io.gyro.protocol.diameter.dictionary.AvpCode;
import io.netty.buffer.ByteBuf;

/** The top-level AVPs the base and session messages of this package carry, read in one walk. */
final class BaseFields
{
    byte[] sessionId;
    String originHost;
    String originRealm;
    String destinationHost;
    String destinationRealm;
    String errorMessage;
    long resultCode = -1;
    long originStateId = -1;
    long authApplicationId = -1;
    int disconnectCause = -1;
    int reAuthRequestType = -1;
    long ratingGroup = -1;
    long serviceIdentifier = -1;

    static BaseFields read(final ByteBuf buffer, final int offset)
    {
        final BaseFields fields = new BaseFields();
        final AvpReader reader = new AvpReader().wrapMessage(buffer, offset);
        while (reader.next())
        {
            if (0 != reader.vendorId())
            {
                continue;
            }
            switch (reader.code())
            {
                case AvpCode.SESSION_ID ->
                {
                    fields.sessionId = new byte[reader.dataLength()];
                    reader.copyData(fields.sessionId, 0, reader.dataLength());
                }
                case AvpCode.ORIGIN_HOST -> fields.originHost = reader.utf8();
                case AvpCode.ORIGIN_REALM -> fields.originRealm = reader.utf8();
                case AvpCode.DESTINATION_HOST -> fields.destinationHost = reader.utf8();
                case AvpCode.DESTINATION_REALM -> fields.destinationRealm = reader.utf8();
                case AvpCode.ERROR_MESSAGE -> fields.errorMessage = reader.utf8();
                case AvpCode.RESULT_CODE -> fields.resultCode = reader.uint32();
                case AvpCode.ORIGIN_STATE_ID -> fields.originStateId = reader.uint32();
                case AvpCode.AUTH_APPLICATION_ID -> fields.authApplicationId = reader.uint32();
                case AvpCode.DISCONNECT_CAUSE -> fields.disconnectCause = reader.int32();
                case AvpCode.RE_AUTH_REQUEST_TYPE -> fields.reAuthRequestType = reader.int32();
                case AvpCode.RATING_GROUP -> fields.ratingGroup = reader.uint32();
                case AvpCode.SERVICE_IDENTIFIER -> fields.serviceIdentifier = reader.uint32();
                default ->
                {
                }
            }
        }
        return fields;
    }
}
