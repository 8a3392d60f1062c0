package io.gyro.protocol.diameter.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The hand-written constants must agree with the XML, which stays the single source of truth: every constant
 * names an entry with the same value, and every entry has a constant.
 */
class DictionaryConstantsTest
{
    private static final DiameterDictionary DICTIONARY = DiameterDictionary.standard();

    private static final List<Class<?>> VALUE_CLASSES = List.of(
        CcRequestType.class, RequestedAction.class, SubscriptionIdType.class, FinalUnitAction.class,
        RedirectAddressType.class, CcUnitType.class, CreditControlFailureHandling.class,
        DirectDebitingFailureHandling.class, CheckBalanceResult.class, ReportingReason.class, TriggerType.class,
        DisconnectCause.class, TerminationCause.class, ReAuthRequestType.class, AuthSessionState.class,
        LowBalanceIndication.class, MultipleServicesIndicator.class);

    @Test
    void shouldHaveOneAvpCodeConstantPerXmlAvpWithTheSameCode() throws IllegalAccessException
    {
        final Map<String, Integer> constants = intConstants(AvpCode.class);
        final Map<String, Integer> expected = new TreeMap<>();
        for (final AvpDefinition avp : DICTIONARY.avps())
        {
            final Integer previous = expected.put(avpConstantName(avp.name()), avp.code());
            assertEquals(null, previous, "two AVPs map to constant " + avpConstantName(avp.name()));
        }
        assertTrue(differences(expected, constants).isEmpty(), "XML vs AvpCode: " + differences(expected, constants));
        assertEquals(2, AvpCode.TGPP_CHARGING_ID);
        assertEquals(874, AvpCode.PS_INFORMATION);
        assertEquals(872, AvpCode.REPORTING_REASON);
        assertEquals(416, AvpCode.CC_REQUEST_TYPE);
        assertEquals(263, AvpCode.SESSION_ID);
    }

    @Test
    void shouldHaveOneCommandCodeConstantPerXmlCommand() throws IllegalAccessException
    {
        final Map<String, Integer> expected = new TreeMap<>();
        for (final CommandDefinition command : DICTIONARY.commands())
        {
            expected.put(command.name().toUpperCase().replace('-', '_'), command.code());
        }
        assertEquals(expected, new TreeMap<>(intConstants(CommandCode.class)));
    }

    @Test
    void shouldHaveOneResultCodeConstantPerXmlResultCode() throws IllegalAccessException
    {
        final Map<String, Integer> constants = intConstants(ResultCode.class);
        assertEquals(DICTIONARY.resultCodeNames().size(), constants.size());
        constants.forEach((field, code) ->
        {
            final String xmlName = DICTIONARY.resultCodeName(code);
            assertNotNull(xmlName, field + " = " + code + " is not in the XML");
            assertTrue(xmlName.equals("DIAMETER_" + field) || xmlName.equals(field), field + " vs " + xmlName);
            assertEquals(xmlName, ResultCode.name(code), "ResultCode.name(" + code + ")");
        });
    }

    @Test
    void shouldNameApplicationsAndVendorsAsTheXml() throws IllegalAccessException
    {
        assertEquals("Diameter Common Messages", DICTIONARY.applicationName(ApplicationIds.COMMON));
        assertEquals("Diameter Base Accounting", DICTIONARY.applicationName(ApplicationIds.BASE_ACCOUNTING));
        assertEquals("Diameter Credit Control", DICTIONARY.applicationName(ApplicationIds.CREDIT_CONTROL));
        assertFalse(DICTIONARY.isApplicationKnown(ApplicationIds.RELAY));
        assertEquals(0xFFFFFFFFL, ApplicationIds.RELAY);
        assertEquals(DICTIONARY.avp("3GPP-Charging-Id").vendorId(), VendorId.TGPP);
        assertEquals(DICTIONARY.avp("Session-Id").vendorId(), VendorId.IETF);
        for (final Field field : ApplicationIds.class.getDeclaredFields())
        {
            if (Modifier.isStatic(field.getModifiers()) && !"RELAY".equals(field.getName()))
            {
                assertTrue(DICTIONARY.isApplicationKnown(field.getLong(null)), field.getName());
            }
        }
    }

    @Test
    void shouldMirrorEveryValueOfEachEnumeratedAvp() throws IllegalAccessException
    {
        for (final Class<?> valueClass : VALUE_CLASSES)
        {
            final Map<String, Integer> constants = intConstants(valueClass);
            final int code = constants.remove("AVP_CODE");
            final int vendorId = constants.remove("VENDOR_ID");
            final AvpDefinition avp = DICTIONARY.avp(vendorId, code);
            assertNotNull(avp, valueClass.getSimpleName() + " names no AVP");
            assertEquals(AvpType.ENUMERATED, avp.type(), valueClass.getSimpleName());
            assertEquals(valueClass.getSimpleName(), avp.name().replace("-", "").replace("CC", "Cc"),
                "class named after its AVP");

            final Map<String, Integer> expected = new TreeMap<>();
            avp.enumItems().forEach((value, name) -> expected.put(valueConstantName(name), value));
            assertEquals(expected, new TreeMap<>(constants), valueClass.getSimpleName());
        }
        assertEquals(1, CcRequestType.INITIAL_REQUEST);
        assertEquals(4, CcRequestType.EVENT_REQUEST);
        assertEquals(7, ReportingReason.FORCED_REAUTHORISATION);
        assertEquals(2, RedirectAddressType.URL);
    }

    @Test
    void shouldDeriveConstantNamesAsDocumented()
    {
        assertEquals("TGPP_CHARGING_ID", avpConstantName("3GPP-Charging-Id"));
        assertEquals("G_S_U_POOL_REFERENCE", avpConstantName("G-S-U-Pool-Reference"));
        assertEquals("IPV4_ADDRESS", valueConstantName("IPv4 Address"));
        assertEquals("TOTAL_OCTETS", valueConstantName("TOTAL-OCTETS"));
        assertEquals("CHANGEINLOCATION_CELLID", valueConstantName("CHANGEINLOCATION_CellId"));
    }

    /** AvpCode naming: upper case, '-' to '_', leading "3GPP-" to "TGPP_". */
    static String avpConstantName(final String avpName)
    {
        final String name = avpName.toUpperCase().replace('-', '_');
        return name.startsWith("3GPP_") ? "TGPP_" + name.substring(5) : name;
    }

    /** Value naming: every run of characters outside [A-Za-z0-9] becomes '_', then upper case. */
    static String valueConstantName(final String itemName)
    {
        return itemName.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "").toUpperCase();
    }

    /** Entries that are missing on one side or differ, as "NAME: xml=... java=...". */
    private static List<String> differences(final Map<String, Integer> xml, final Map<String, Integer> java)
    {
        final TreeMap<String, String> all = new TreeMap<>();
        xml.forEach((name, code) -> all.put(name, "xml=" + code + " java=" + java.get(name)));
        java.forEach((name, code) -> all.putIfAbsent(name, "xml=null java=" + code));
        final List<String> differences = new ArrayList<>();
        all.forEach((name, pair) ->
        {
            if (!java.containsKey(name) || !xml.containsKey(name) || !java.get(name).equals(xml.get(name)))
            {
                differences.add(name + ": " + pair);
            }
        });
        return differences;
    }

    private static Map<String, Integer> intConstants(final Class<?> type) throws IllegalAccessException
    {
        final Map<String, Integer> constants = new TreeMap<>();
        for (final Field field : type.getDeclaredFields())
        {
            final int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) &&
                int.class == field.getType())
            {
                constants.put(field.getName(), field.getInt(null));
            }
        }
        return constants;
    }
}
