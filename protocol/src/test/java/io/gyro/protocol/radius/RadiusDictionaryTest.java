package io.gyro.protocol.radius;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled FreeRADIUS dictionaries and the loader.
 */
class RadiusDictionaryTest
{
    private final RadiusDictionary dictionary = RadiusDictionary.standard();

    @Test
    void shouldLoadTheBundledDictionaryOnce()
    {
        assertSame(dictionary, RadiusDictionary.standard());
        assertEquals("User-Name", dictionary.attribute(RadiusAttributeType.USER_NAME).name());
        assertEquals(RadiusDataType.VSA, dictionary.attribute(RadiusAttributeType.VENDOR_SPECIFIC).dataType());
        assertEquals(11, dictionary.vendors().size());
    }

    @ParameterizedTest
    @CsvSource({
        "0, 1, User-Name, STRING",
        "0, 2, User-Password, STRING",
        "0, 3, CHAP-Password, OCTETS",
        "0, 4, NAS-IP-Address, IPADDR",
        "0, 25, Class, OCTETS",
        "0, 27, Session-Timeout, INTEGER",
        "0, 29, Termination-Action, INTEGER",
        "0, 33, Proxy-State, OCTETS",
        "0, 40, Acct-Status-Type, INTEGER",
        "0, 44, Acct-Session-Id, STRING",
        "0, 49, Acct-Terminate-Cause, INTEGER",
        "0, 52, Acct-Input-Gigawords, INTEGER",
        "0, 53, Acct-Output-Gigawords, INTEGER",
        "0, 55, Event-Timestamp, DATE",
        "0, 61, NAS-Port-Type, INTEGER",
        "0, 79, EAP-Message, OCTETS",
        "0, 80, Message-Authenticator, OCTETS",
        "0, 85, Acct-Interim-Interval, INTEGER",
        "0, 87, NAS-Port-Id, STRING",
        "0, 88, Framed-Pool, STRING",
        "0, 89, Chargeable-User-Identity, OCTETS",
        "0, 95, NAS-IPv6-Address, IPV6ADDR",
        "0, 97, Framed-IPv6-Prefix, IPV6PREFIX",
        "0, 101, Error-Cause, INTEGER",
        "14988, 1, Mikrotik-Recv-Limit, INTEGER",
        "14988, 2, Mikrotik-Xmit-Limit, INTEGER",
        "14988, 14, Mikrotik-Recv-Limit-Gigawords, INTEGER",
        "14988, 15, Mikrotik-Xmit-Limit-Gigawords, INTEGER",
        "14988, 17, Mikrotik-Total-Limit, INTEGER",
        "14988, 18, Mikrotik-Total-Limit-Gigawords, INTEGER",
        "4874, 50, Sdx-Session-Volume-Quota, STRING",
        "4874, 65, ERX-Service-Activate, STRING",
        "4874, 66, ERX-Service-Deactivate, STRING",
        "4874, 67, ERX-Service-Volume, INTEGER",
        "4874, 68, ERX-Service-Timeout, INTEGER",
        "4874, 69, ERX-Service-Statistics, INTEGER",
        "4874, 179, ERX-Service-Volume-Gigawords, INTEGER",
        "9, 250, Cisco-Account-Info, STRING",
        "9, 251, Cisco-Service-Info, STRING",
        "9, 252, Cisco-Command-Code, STRING",
        "9, 253, Cisco-Control-Info, STRING",
        "8164, 32, SN-Prepaid-Inbound-Octets, INTEGER",
        "8164, 33, SN-Prepaid-Outbound-Octets, INTEGER",
        "8164, 34, SN-Prepaid-Total-Octets, INTEGER",
        "8164, 35, SN-Prepaid-Timeout, INTEGER",
        "8164, 36, SN-Prepaid-Watermark, INTEGER",
        "8164, 128, SN-Prepaid, INTEGER",
        "8164, 129, SN-Prepaid-Preference, INTEGER",
        "8164, 65530, SN-Proxy-MIPV6, INTEGER",
        "6527, 95, Alc-Credit-Control-CategoryMap, STRING",
        "6527, 96, Alc-Credit-Control-Quota, STRING",
        "6527, 228, Alc-Trigger-Acct-Interim, STRING",
        "5535, 90, 3GPP2-Prepaid-Acct-Quota, TLV",
        "5535, 91, 3GPP2-Prepaid-acct-Capability, OCTETS",
        "5535, 98, 3GPP2-PrePaid-Tariff-Switching, OCTETS",
        "24757, 35, WiMAX-PPAC, TLV",
        "24757, 37, WiMAX-PPAQ, TLV",
        "24757, 38, WiMAX-Prepaid-Tariff-Switching, TLV",
        "2352, 186, Class-Volume-limit, STRING",
        "2352, 187, Class-Volume-In-Counter, STRING",
        "2352, 188, Class-Volume-Out-Counter, STRING",
        "2011, 15, Huawei-Remanent-Volume, INTEGER",
        "10415, 2, 3GPP-Charging-ID, INTEGER",
        "10415, 21, 3GPP-RAT-Type, BYTE",
        "2636, 1, Juniper-Local-User-Name, STRING",
    })
    void shouldDefineTheAttributesTheChargingServerNeeds(
        final int vendorId, final int type, final String name, final RadiusDataType dataType)
    {
        final RadiusAttributeDefinition byNumber = dictionary.attribute(vendorId, type);
        assertNotNull(byNumber, name);
        assertEquals(name, byNumber.name());
        assertEquals(dataType, byNumber.dataType());
        assertEquals(vendorId, byNumber.vendorId());
        assertSame(byNumber, dictionary.attribute(name.toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void shouldResolveValueNamesBothWays()
    {
        final RadiusAttributeDefinition status = dictionary.attribute("Acct-Status-Type");
        assertEquals("Start", status.valueName(1));
        assertEquals("Interim-Update", status.valueName(3), "the later VALUE wins for rendering");
        assertEquals(OptionalLong.of(3), status.value("alive"));
        assertEquals(OptionalLong.of(8), status.value("Accounting-Off"));
        assertEquals(OptionalLong.empty(), status.value("Nope"));
        assertNull(status.valueName(99));
        assertEquals("Authorize-Only", dictionary.attribute("Service-Type").valueName(17));
        assertEquals("Request-Initiated", dictionary.attribute(RadiusAttributeType.ERROR_CAUSE).valueName(507));
        assertEquals("Multiple-Session-Selection-Unsupported", dictionary.attribute(RadiusAttributeType.ERROR_CAUSE).valueName(508));
        assertEquals("RADIUS-Request", dictionary.attribute(RadiusAttributeType.TERMINATION_ACTION).valueName(1));
        assertEquals("Session-Timeout", dictionary.attribute(RadiusAttributeType.ACCT_TERMINATE_CAUSE).valueName(5));
        assertEquals("Rating-Groups", dictionary.attribute("WiMAX-Available-In-Client").valueName(0x10));
    }

    @Test
    void shouldKeepFlagsAndNestedTlvs()
    {
        assertEquals(1, dictionary.attribute(RadiusAttributeType.USER_PASSWORD).encryptMethod());
        assertTrue(dictionary.attribute(RadiusAttributeType.EAP_MESSAGE).isConcat());
        assertTrue(dictionary.attribute("ERX-Service-Volume").hasTag());
        assertTrue(dictionary.attribute("ERX-LI-Action").isSecret());
        assertEquals(16, dictionary.attribute("ARAP-Password").fixedLength());

        final RadiusAttributeDefinition ppaq = dictionary.attribute(RadiusVendorId.WIMAX, 37);
        assertEquals("WiMAX-Volume-Quota", ppaq.child(2).name());
        assertSame(ppaq, ppaq.child(2).parent());
        assertEquals("Quota-Reached", ppaq.child(8).valueName(4));
        assertEquals("3GPP2-Prepaid-Acct-Quota-VolumeQuota", dictionary.attribute(RadiusVendorId.THREE_GPP2, 90).child(2).name());
        assertEquals(RadiusDataType.SHORT, dictionary.attribute(RadiusVendorId.THREE_GPP2, 90).child(8).dataType());
    }

    @Test
    void shouldKnowEveryVendorAndItsFormat()
    {
        final Map<Integer, RadiusVendorFormat> expected = Map.ofEntries(
            Map.entry(RadiusVendorId.CISCO, RadiusVendorFormat.STANDARD),
            Map.entry(RadiusVendorId.HUAWEI, RadiusVendorFormat.STANDARD),
            Map.entry(RadiusVendorId.ERICSSON_AB, RadiusVendorFormat.STANDARD),
            Map.entry(RadiusVendorId.JUNIPER, RadiusVendorFormat.STANDARD),
            Map.entry(RadiusVendorId.JUNIPER_ERX, RadiusVendorFormat.STANDARD),
            Map.entry(RadiusVendorId.THREE_GPP2, RadiusVendorFormat.STANDARD),
            Map.entry(RadiusVendorId.NOKIA_SR, RadiusVendorFormat.STANDARD),
            Map.entry(RadiusVendorId.STARENT, RadiusVendorFormat.STARENT),
            Map.entry(RadiusVendorId.THREE_GPP, RadiusVendorFormat.STANDARD),
            Map.entry(RadiusVendorId.MIKROTIK, RadiusVendorFormat.STANDARD),
            Map.entry(RadiusVendorId.WIMAX, RadiusVendorFormat.WIMAX));
        expected.forEach((vendorId, format) ->
        {
            assertNotNull(dictionary.vendor(vendorId), "vendor " + vendorId);
            assertSame(format, dictionary.vendorFormat(vendorId), "vendor " + vendorId);
            assertSame(format, RadiusVendorFormat.forVendor(vendorId));
        });
        assertSame(RadiusVendorFormat.STANDARD, dictionary.vendorFormat(12345));
        assertEquals(RadiusVendorId.STARENT, dictionary.vendor("starent").vendorId());
        assertEquals("format=1,1,c", RadiusVendorFormat.WIMAX.toString());
    }

    @Test
    void shouldKeepTheFirstNameOfANumberAndResolveBothNames()
    {
        assertEquals("Juniper-Junosspace-Profile", dictionary.attribute(RadiusVendorId.JUNIPER, 11).name());
        assertEquals(11, dictionary.attribute("Juniper-Junosspace-Profiles").type());
    }

    @Test
    void shouldCiteTheFreeRadiusSourceAtTheTopOfEveryBundledFile() throws IOException
    {
        final List<String> included = new ArrayList<>();
        for (final String line : read(RadiusDictionary.BUNDLED_ROOT))
        {
            if (line.startsWith("$INCLUDE"))
            {
                included.add(line.split("\\s+")[1]);
            }
        }
        assertEquals(18, included.size());
        for (final String file : included)
        {
            final List<String> lines = read(file);
            final String header = String.join("\n", lines.subList(0, 4));
            assertTrue(header.contains("Source: FreeRADIUS share/dictionary."), file);
            assertTrue(header.contains("at commit "), file);
            assertTrue(String.join("\n", lines).contains("CC-BY"), file);
        }
    }

    @Test
    void shouldLoadFromAFileWithRelativeIncludes(@TempDir final Path directory) throws IOException
    {
        Files.writeString(directory.resolve("root"), "$INCLUDE sub/dictionary.test\n");
        Files.createDirectories(directory.resolve("sub"));
        Files.writeString(directory.resolve("sub/dictionary.test"),
            "VENDOR\tExample\t32473\tformat=2,1\nBEGIN-VENDOR Example\nATTRIBUTE Example-Quota 300 integer # octets\n" +
            "VALUE Example-Quota Unlimited 0xffffffff\nEND-VENDOR Example\n");
        final RadiusDictionary loaded = RadiusDictionary.load(directory.resolve("root"));
        assertEquals("Example-Quota", loaded.attribute(32473, 300).name());
        assertEquals("Unlimited", loaded.attribute("example-quota").valueName(0xffffffffL));
        assertEquals(2, loaded.vendorFormat(32473).typeLength());
        assertEquals(1, loaded.vendorFormat(32473).lengthLength());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ATTRIBUTE A 1 string\\nBOGUS X                         | dict:2",
        "ATTRIBUTE A 1 strung                                  | unsupported dictionary data type",
        "ATTRIBUTE A 300 integer                               | out of range",
        "ATTRIBUTE A 1 integer\\nATTRIBUTE A 2 integer          | already defined",
        "VALUE Missing Yes 1                                   | undefined attribute",
        "ATTRIBUTE A 1 string\\nVALUE A Yes 1                   | non-integer",
        "VENDOR V 9\\nBEGIN-VENDOR V\\nATTRIBUTE A 1 integer     | without END-VENDOR",
        "VENDOR V 9\\nEND-VENDOR V                              | does not close",
        "BEGIN-VENDOR Nobody                                   | unknown vendor",
        "VENDOR V 9 format=3,1                                 | vendor type length",
        "VENDOR V 9\\nVENDOR W 9                                | already defined",
        "ATTRIBUTE A 1 integer odd_flag                        | unsupported attribute flag",
        "ATTRIBUTE A.1 5.1 integer                             | not a defined tlv",
    })
    void shouldRefuseMalformedDictionariesNamingTheProblem(final String content, final String expectedMessage)
    {
        final IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
            () -> RadiusDictionary.load("dict", name -> new StringReader(content.replace("\\n", "\n"))));
        assertTrue(thrown.getMessage().contains(expectedMessage), thrown.getMessage());
    }

    @Test
    void shouldReportAMissingIncludeWithTheIncludingLine()
    {
        final IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> RadiusDictionary.load("dict", name ->
        {
            if ("dict".equals(name))
            {
                return new StringReader("# first\n$INCLUDE nowhere\n");
            }
            throw new IOException("no " + name);
        }));
        assertTrue(thrown.getMessage().startsWith("dict:2: cannot read RADIUS dictionary nowhere"), thrown.getMessage());
        assertThrows(UncheckedIOException.class, () -> RadiusDictionary.load("dict", name ->
        {
            throw new IOException("no " + name);
        }));
    }

    private static List<String> read(final String file) throws IOException
    {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            RadiusDictionary.class.getResourceAsStream(RadiusDictionary.BUNDLED_DIRECTORY + file), StandardCharsets.UTF_8)))
        {
            final List<String> lines = new ArrayList<>();
            String line;
            while (null != (line = reader.readLine()))
            {
                lines.add(line);
            }
            return lines;
        }
    }
}
