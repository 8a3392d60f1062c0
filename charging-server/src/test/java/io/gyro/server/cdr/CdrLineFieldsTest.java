package io.gyro.server.cdr;

import io.gyro.server.session.SessionContext;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The text columns of a CDR line (session id, identities, APN, Origin-Host): RFC 4180 quoting of commas and quotes,
 * one physical line per record, and every value exact: octets that are not printable UTF-8 are written as
 * {@code hex:} and their octets, never replaced by U+FFFD.
 */
class CdrLineFieldsTest
{
    private static final int SESSION_ID = 2;
    private static final int MSISDN = 5;
    private static final int USER_NAME = 7;
    private static final int APN = 20;
    private static final int ORIGIN_HOST = 23;

    private static CdrLine line(final byte[] sessionId, final int type, final byte[] value)
    {
        final CdrLine line = new CdrLine();
        line.reset();
        line.recordType = "session";
        line.sessionKey = sessionId;
        final byte[] context = new byte[512];
        int position = SessionContext.begin(context);
        position = SessionContext.put(context, position, type, value, 0, value.length);
        line.context = Arrays.copyOf(context, position);
        return line;
    }

    private static String text(final CdrLine line)
    {
        final StringBuilder out = new StringBuilder();
        line.appendTo(1, 4, out);
        return out.toString();
    }

    /** RFC 4180 §2 parser: fields, quotes doubled inside quoted fields. */
    private static List<String> columns(final String record)
    {
        assertEquals(record.length() - 2, record.indexOf("\r\n"), "one CRLF, at the end: " + record);
        final List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        final String body = record.substring(0, record.length() - 2);
        for (int i = 0; i < body.length(); i++)
        {
            final char c = body.charAt(i);
            if (quoted && c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"')
            {
                field.append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.add(field.toString());
                field.setLength(0);
            }
            else
            {
                field.append(c);
            }
        }
        fields.add(field.toString());
        assertEquals(CdrLine.HEADER.split(",").length, fields.size(), record);
        return fields;
    }

    private static byte[] utf8(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldQuoteCommasAndDoubleQuotes()
    {
        final String record = text(line(utf8("pgw1;a,b;\"1\""), SessionContext.APN, utf8("inter,net \"x\"")));
        assertEquals("1,session,\"pgw1;a,b;\"\"1\"\"\",1,", record.substring(0, 29),
            "session id quoted, its quotes doubled");
        final List<String> columns = columns(record);
        assertEquals("pgw1;a,b;\"1\"", columns.get(SESSION_ID));
        assertEquals("inter,net \"x\"", columns.get(APN));
    }

    @Test
    void shouldWriteAUserNameThatIsNotUtf8AsItsOctets()
    {
        // Latin-1 "müller": RADIUS User-Name is octets (RFC 2865 §5.1), not necessarily UTF-8.
        final byte[] latin1 = {'m', (byte)0xFC, 'l', 'l', 'e', 'r'};
        final List<String> columns = columns(text(line(utf8("s;1"), SessionContext.USER_NAME, latin1)));
        assertEquals("hex:6dfc6c6c6572", columns.get(USER_NAME));
        assertFalse(columns.get(USER_NAME).contains("\uFFFD"));
    }

    @Test
    void shouldWriteAValueWithALineBreakOrControlCharacterAsItsOctetsOnOneLine()
    {
        final String withLineBreak = text(line(utf8("s;1"), SessionContext.USER_NAME, utf8("alice\r\nbob")));
        assertEquals("hex:616c6963650d0a626f62", columns(withLineBreak).get(USER_NAME));
        final String withEscape = text(line(utf8("s;1"), SessionContext.ORIGIN_HOST, utf8("pgw\u001b[2J")));
        assertEquals("hex:7067771b5b324a", columns(withEscape).get(ORIGIN_HOST));
        final String withNul = text(line(utf8("s;1"), SessionContext.MSISDN, new byte[] {'4', '9', 0}));
        assertEquals("hex:343900", columns(withNul).get(MSISDN));
    }

    @Test
    void shouldWriteAValueThatLooksLikeHexAsItsOctetsSoNoTwoValuesShareAText()
    {
        final List<String> columns = columns(text(line(utf8("s;1"), SessionContext.USER_NAME, utf8("hex:00"))));
        assertEquals("hex:6865783a3030", columns.get(USER_NAME));
    }

    @Test
    void shouldKeepPrintableUtf8AndFormulaLookingValuesExactly()
    {
        // CSV injection (a field a spreadsheet would run as a formula) is not rewritten: the CDR must carry the
        // identity exactly as the network sent it; the README tells how to open the files safely.
        final List<String> columns = columns(text(line(utf8("s;1"), SessionContext.USER_NAME,
            utf8("=HYPERLINK(\"x\")·müller"))));
        assertEquals("=HYPERLINK(\"x\")·müller", columns.get(USER_NAME));
        final List<String> plus = columns(text(line(utf8("s;1"), SessionContext.MSISDN, utf8("+491700000005"))));
        assertEquals("+491700000005", plus.get(MSISDN));
    }

    @Test
    void shouldWriteAmountsExactlyAtTheMoneyScaleNegativeOnesIncluded()
    {
        final int amount = 15;
        final int amountMinor = 16;
        final CdrLine line = line(utf8("s;1"), SessionContext.APN, utf8("internet"));
        line.recordType = "refund";
        line.chargedMinor = -5;
        assertEquals("-0.0005", columns(text(line)).get(amount), "a refund below one major unit keeps its sign");
        assertEquals("-5", columns(text(line)).get(amountMinor));
        final StringBuilder cents = new StringBuilder();
        line.chargedMinor = -12_345;
        line.appendTo(1, 2, cents);
        assertEquals("-123.45", columns(cents.toString()).get(amount));
        final StringBuilder yen = new StringBuilder();
        line.chargedMinor = 1_000;
        line.appendTo(1, 0, yen);
        assertEquals("1000", columns(yen.toString()).get(amount));
        assertEquals("1000", columns(yen.toString()).get(amountMinor));
        final StringBuilder largest = new StringBuilder();
        line.chargedMinor = Long.MIN_VALUE;
        line.appendTo(1, 4, largest);
        assertEquals("-922337203685477.5808", columns(largest.toString()).get(amount));
    }
}
