package io.gyro.protocol.diameter.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spot checks of the standard dictionary against PROTOCOLS.md §1.3, §1.4, §1.7, §2.1-§2.6 and the RFC text.
 */
class StandardDictionaryTest
{
    private static final int TGPP = 10415;
    private static final DiameterDictionary DICTIONARY = DiameterDictionary.standard();

    @Test
    void shouldLoadTheStandardFilesOnceAndShareTheInstance()
    {
        assertSame(DICTIONARY, DiameterDictionary.standard());
        assertEquals(3, DiameterDictionary.standardFiles().size());
        assertEquals(207, DICTIONARY.avps().size());
        assertEquals(8, DICTIONARY.commands().size());
    }

    /** PROTOCOLS.md §1.3 (base), §2.4 (credit control incl. RFC 8506) and §2.6 (3GPP) tables. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // base, RFC 6733 §4.5
        "User-Name,                        1,     0, UTF8_STRING,       MUST",
        "Class,                            25,    0, OCTET_STRING,      MUST",
        "Session-Timeout,                  27,    0, UNSIGNED32,        MUST",
        "Proxy-State,                      33,    0, OCTET_STRING,      MUST",
        "Acct-Session-Id,                  44,    0, OCTET_STRING,      MUST",
        "Acct-Multi-Session-Id,            50,    0, UTF8_STRING,       MUST",
        "Event-Timestamp,                  55,    0, TIME,              MUST",
        "Acct-Interim-Interval,            85,    0, UNSIGNED32,        MUST",
        "Host-IP-Address,                  257,   0, ADDRESS,           MUST",
        "Auth-Application-Id,              258,   0, UNSIGNED32,        MUST",
        "Acct-Application-Id,              259,   0, UNSIGNED32,        MUST",
        "Vendor-Specific-Application-Id,   260,   0, GROUPED,           MUST",
        "Redirect-Host-Usage,              261,   0, ENUMERATED,        MUST",
        "Session-Id,                       263,   0, UTF8_STRING,       MUST",
        "Origin-Host,                      264,   0, DIAMETER_IDENTITY, MUST",
        "Vendor-Id,                        266,   0, UNSIGNED32,        MUST",
        "Firmware-Revision,                267,   0, UNSIGNED32,        MUST_NOT",
        "Result-Code,                      268,   0, UNSIGNED32,        MUST",
        "Product-Name,                     269,   0, UTF8_STRING,       MUST_NOT",
        "Session-Server-Failover,          271,   0, ENUMERATED,        MUST",
        "Disconnect-Cause,                 273,   0, ENUMERATED,        MUST",
        "Auth-Session-State,               277,   0, ENUMERATED,        MUST",
        "Origin-State-Id,                  278,   0, UNSIGNED32,        MUST",
        "Failed-AVP,                       279,   0, GROUPED,           MUST",
        "Error-Message,                    281,   0, UTF8_STRING,       MUST_NOT",
        "Route-Record,                     282,   0, DIAMETER_IDENTITY, MUST",
        "Destination-Realm,                283,   0, DIAMETER_IDENTITY, MUST",
        "Proxy-Info,                       284,   0, GROUPED,           MUST",
        "Re-Auth-Request-Type,             285,   0, ENUMERATED,        MUST",
        "Accounting-Sub-Session-Id,        287,   0, UNSIGNED64,        MUST",
        "Redirect-Host,                    292,   0, DIAMETER_URI,      MUST",
        "Error-Reporting-Host,             294,   0, DIAMETER_IDENTITY, MUST_NOT",
        "Termination-Cause,                295,   0, ENUMERATED,        MUST",
        "Origin-Realm,                     296,   0, DIAMETER_IDENTITY, MUST",
        "Experimental-Result,              297,   0, GROUPED,           MUST",
        "Experimental-Result-Code,         298,   0, UNSIGNED32,        MUST",
        "Accounting-Record-Type,           480,   0, ENUMERATED,        MUST",
        "Accounting-Record-Number,         485,   0, UNSIGNED32,        MUST",
        // credit control, RFC 4006 §8 / RFC 8506 §8
        "CC-Correlation-Id,                411,   0, OCTET_STRING,      MAY",
        "CC-Input-Octets,                  412,   0, UNSIGNED64,        MUST",
        "CC-Money,                         413,   0, GROUPED,           MUST",
        "CC-Request-Number,                415,   0, UNSIGNED32,        MUST",
        "CC-Request-Type,                  416,   0, ENUMERATED,        MUST",
        "CC-Service-Specific-Units,        417,   0, UNSIGNED64,        MUST",
        "CC-Sub-Session-Id,                419,   0, UNSIGNED64,        MUST",
        "CC-Time,                          420,   0, UNSIGNED32,        MUST",
        "CC-Total-Octets,                  421,   0, UNSIGNED64,        MUST",
        "Cost-Unit,                        424,   0, UTF8_STRING,       MUST",
        "Currency-Code,                    425,   0, UNSIGNED32,        MUST",
        "Exponent,                         429,   0, INTEGER32,         MUST",
        "Final-Unit-Indication,            430,   0, GROUPED,           MUST",
        "Rating-Group,                     432,   0, UNSIGNED32,        MUST",
        "Redirect-Server-Address,          435,   0, UTF8_STRING,       MUST",
        "Restriction-Filter-Rule,          438,   0, IP_FILTER_RULE,    MUST",
        "Service-Identifier,               439,   0, UNSIGNED32,        MUST",
        "Service-Parameter-Info,           440,   0, GROUPED,           MAY",
        "Service-Parameter-Value,          442,   0, OCTET_STRING,      MAY",
        "Subscription-Id-Data,             444,   0, UTF8_STRING,       MUST",
        "Value-Digits,                     447,   0, INTEGER64,         MUST",
        "Validity-Time,                    448,   0, UNSIGNED32,        MUST",
        "Tariff-Time-Change,               451,   0, TIME,              MUST",
        "G-S-U-Pool-Identifier,            453,   0, UNSIGNED32,        MUST",
        "Multiple-Services-Credit-Control, 456,   0, GROUPED,           MUST",
        "User-Equipment-Info,              458,   0, GROUPED,           MAY",
        "User-Equipment-Info-Value,        460,   0, OCTET_STRING,      MAY",
        "Service-Context-Id,               461,   0, UTF8_STRING,       MUST",
        "User-Equipment-Info-Extension,    653,   0, GROUPED,           MAY",
        "User-Equipment-Info-IMEI,         658,   0, OCTET_STRING,      MAY",
        "Subscription-Id-Extension,        659,   0, GROUPED,           MAY",
        "Subscription-Id-E164,             660,   0, UTF8_STRING,       MAY",
        "Subscription-Id-Private,          664,   0, UTF8_STRING,       MAY",
        "Redirect-Server-Extension,        665,   0, GROUPED,           MAY",
        "Redirect-Address-IPAddress,       666,   0, ADDRESS,           MAY",
        "QoS-Final-Unit-Indication,        669,   0, GROUPED,           MAY",
        "Filter-Id,                        11,    0, UTF8_STRING,       MUST",
        // 3GPP Gy/Ro, PROTOCOLS.md §2.6 (flags: freeDiameter CSV)
        "3GPP-IMSI,                        1,  10415, UTF8_STRING,      MUST",
        "3GPP-Charging-Id,                 2,  10415, UNSIGNED32,       MUST",
        "3GPP-PDP-Type,                    3,  10415, ENUMERATED,       MUST",
        "3GPP-CG-Address,                  4,  10415, OCTET_STRING,     MUST_NOT",
        "3GPP-GPRS-Negotiated-QoS-Profile, 5,  10415, UTF8_STRING,      MUST",
        "3GPP-SGSN-Address,                6,  10415, OCTET_STRING,     MUST_NOT",
        "3GPP-GGSN-Address,                7,  10415, OCTET_STRING,     MUST_NOT",
        "3GPP-IMSI-MCC-MNC,                8,  10415, UTF8_STRING,      MUST",
        "3GPP-NSAPI,                       10, 10415, OCTET_STRING,     MUST",
        "3GPP-Selection-Mode,              12, 10415, UTF8_STRING,      MUST",
        "3GPP-Charging-Characteristics,    13, 10415, UTF8_STRING,      MUST",
        "3GPP-SGSN-MCC-MNC,                18, 10415, UTF8_STRING,      MUST",
        "3GPP-IMEISV,                      20, 10415, OCTET_STRING,     MUST",
        "3GPP-RAT-Type,                    21, 10415, OCTET_STRING,     MUST",
        "3GPP-User-Location-Info,          22, 10415, OCTET_STRING,     MUST",
        "3GPP-MS-TimeZone,                 23, 10415, OCTET_STRING,     MUST",
        "Called-Station-Id,                30,    0, UTF8_STRING,       MUST",
        "CG-Address,                       846, 10415, ADDRESS,         MUST",
        "GGSN-Address,                     847, 10415, ADDRESS,         MUST",
        "PS-Furnish-Charging-Information,  865, 10415, GROUPED,         MUST",
        "Time-Quota-Threshold,             868, 10415, UNSIGNED32,      MUST",
        "Volume-Quota-Threshold,           869, 10415, UNSIGNED32,      MUST",
        "Trigger-Type,                     870, 10415, ENUMERATED,      MUST",
        "Quota-Holding-Time,               871, 10415, UNSIGNED32,      MUST",
        "Reporting-Reason,                 872, 10415, ENUMERATED,      MUST",
        "Service-Information,              873, 10415, GROUPED,         MUST",
        "PS-Information,                   874, 10415, GROUPED,         MUST",
        "IMS-Information,                  876, 10415, GROUPED,         MUST",
        "Quota-Consumption-Time,           881, 10415, UNSIGNED32,      MUST",
        "Charging-Rule-Base-Name,          1004, 10415, UTF8_STRING,    MUST",
        "QoS-Information,                  1016, 10415, GROUPED,        MUST",
        "Unit-Quota-Threshold,             1226, 10415, UNSIGNED32,     MUST",
        "PDP-Address,                      1227, 10415, ADDRESS,        MUST",
        "SGSN-Address,                     1228, 10415, ADDRESS,        MUST",
        "PDP-Context-Type,                 1247, 10415, ENUMERATED,     MUST",
        "Service-Specific-Info,            1249, 10415, GROUPED,        MUST",
        "Event-Charging-TimeStamp,         1258, 10415, TIME,           MUST",
        "Trigger,                          1264, 10415, GROUPED,        MUST",
        "Base-Time-Interval,               1265, 10415, UNSIGNED32,     MUST",
        "Envelope-Reporting,               1268, 10415, ENUMERATED,     MUST",
        "Time-Quota-Mechanism,             1270, 10415, GROUPED,        MUST",
        "Time-Quota-Type,                  1271, 10415, ENUMERATED,     MUST",
        "AF-Correlation-Information,       1276, 10415, GROUPED,        MUST",
        "Low-Balance-Indication,           2020, 10415, ENUMERATED,     MUST",
        "Remaining-Balance,                2021, 10415, GROUPED,        MUST",
        "Refund-Information,               2022, 10415, OCTET_STRING,   MUST",
        "Start-Time,                       2041, 10415, TIME,           MUST",
        "Stop-Time,                        2042, 10415, TIME,           MUST",
        "Serving-Node-Type,                2047, 10415, ENUMERATED,     MUST",
        "PDN-Connection-Charging-ID,       2050, 10415, UNSIGNED32,     MUST",
        "Dynamic-Address-Flag,             2051, 10415, ENUMERATED,     MUST",
        "AoC-Request-Type,                 2055, 10415, ENUMERATED,     MUST",
        "Node-Id,                          2064, 10415, UTF8_STRING,    MUST",
        "SGW-Change,                       2065, 10415, ENUMERATED,     MUST",
        "Charging-Characteristics-Selection-Mode, 2066, 10415, ENUMERATED, MUST",
        "SGW-Address,                      2067, 10415, ADDRESS,        MUST",
        "User-CSG-Information,             2319, 10415, GROUPED,        MUST",
        "Related-Trigger,                  3926, 10415, GROUPED,        MUST",
        "Allocation-Retention-Priority,    1034, 10415, GROUPED,        MUST_NOT",
    })
    void shouldDefineAvpAsTheSpecificationTables(
        final String name, final int code, final int vendorId, final AvpType type, final FlagRule mandatoryBit)
    {
        final AvpDefinition avp = DICTIONARY.avp(name);
        assertNotNull(avp, name);
        assertEquals(code, avp.code());
        assertEquals(vendorId, avp.vendorId());
        assertEquals(type, avp.type());
        assertEquals(mandatoryBit, avp.mandatoryBit());
        assertEquals(0 == vendorId ? FlagRule.MUST_NOT : FlagRule.MUST, avp.vendorBit());
        assertSame(avp, DICTIONARY.avp(vendorId, code), "lookup by header fields");
        assertEquals(AvpDefinition.key(vendorId, code), avp.key());
    }

    @Test
    void shouldTellAvpsWithTheSameCodeApartByVendor()
    {
        assertEquals("User-Name", DICTIONARY.avp(0, 1).name());
        assertEquals("3GPP-IMSI", DICTIONARY.avp(TGPP, 1).name());
        assertEquals("3GPP-Charging-Id", DICTIONARY.avp(TGPP, 2).name());
        assertNull(DICTIONARY.avp(0, 2), "code 2 without V is a RADIUS number nobody defines here");
        assertNull(DICTIONARY.avp(TGPP, 263));
        assertNull(DICTIONARY.avp("No-Such-AVP"));
    }

    @Test
    void shouldKeepTheVendorInTheHighBitsOfTheKey()
    {
        assertEquals(0x000028AF_00000002L, AvpDefinition.key(TGPP, 2));
        assertEquals(0xFFFFFFFF_FFFFFFFFL, AvpDefinition.key(-1, -1), "both fields are unsigned");
        assertEquals(263L, AvpDefinition.key(0, 263));
    }

    @Test
    void shouldGiveEveryAvpASourceAndAVendorBitThatFollowsTheVendor()
    {
        for (final AvpDefinition avp : DICTIONARY.avps())
        {
            assertTrue(avp.source().contains("RFC ") || avp.source().contains("TS "), avp + " cites " + avp.source());
            assertEquals(avp.isVendorSpecific() ? FlagRule.MUST : FlagRule.MUST_NOT, avp.vendorBit(), avp.toString());
            assertEquals(avp.isGrouped(), AvpType.GROUPED == avp.type());
            if (!avp.isGrouped())
            {
                assertTrue(avp.groupRules().isEmpty(), avp + " has no children");
                assertFalse(avp.groupAllowsAnyAvp());
            }
            if (AvpType.ENUMERATED != avp.type())
            {
                assertTrue(avp.enumItems().isEmpty(), avp + " lists no values");
            }
        }
    }

    @Test
    void shouldMakeOnlyTheListedEnumerationsStrict()
    {
        final Set<String> strict = new TreeSet<>();
        for (final AvpDefinition avp : DICTIONARY.avps())
        {
            if (avp.strictEnumeration())
            {
                strict.add(avp.name());
            }
        }
        assertEquals(new TreeSet<>(Set.of(
            "CC-Request-Type", "Requested-Action", "Subscription-Id-Type", "Multiple-Services-Indicator",
            "Disconnect-Cause", "Auth-Session-State", "Re-Auth-Request-Type")), strict);
        assertFalse(DICTIONARY.avp("Final-Unit-Action").strictEnumeration(), "RFC 4006 §8.35: unknown means TERMINATE");
        assertFalse(DICTIONARY.avp("Reporting-Reason").strictEnumeration());
    }

    @Test
    void shouldExposeThatTheMandatoryBitOfAKnownAvpIsNeverEnforcedOnReceipt()
    {
        assertFalse(AvpDefinition.MANDATORY_BIT_ENFORCED_ON_RECEIPT);
        final AvpDefinition ratType = DICTIONARY.avp("3GPP-RAT-Type");
        assertTrue(ratType.mandatoryBitDisputed(), "GD's PGW vector sends it with V only (PROTOCOLS.md §4 item 5)");
        assertEquals(FlagRule.MUST, ratType.mandatoryBit());
        assertTrue(DICTIONARY.avp("3GPP-Charging-Id").mandatoryBitDisputed());
        assertFalse(DICTIONARY.avp("3GPP-CG-Address").mandatoryBitDisputed());
        assertFalse(DICTIONARY.avp("CC-Request-Type").mandatoryBitDisputed());
        for (final AvpDefinition avp : DICTIONARY.avps())
        {
            if (avp.mandatoryBitDisputed())
            {
                assertEquals(TGPP, avp.vendorId(), avp + ": only TS 29.061 AVPs are disputed");
                assertTrue(avp.code() < 100, avp + ": TS 29.061 codes are RADIUS-sized");
            }
        }
    }

    @Test
    void shouldListTheEnumerationValuesOfPROTOCOLS()
    {
        assertItems("Subscription-Id-Type", 0, "END_USER_E164", 1, "END_USER_IMSI", 2, "END_USER_SIP_URI", 3, "END_USER_NAI",
            4, "END_USER_PRIVATE");
        assertItems("Final-Unit-Action", 0, "TERMINATE", 1, "REDIRECT", 2, "RESTRICT_ACCESS");
        assertItems("Redirect-Address-Type", 0, "IPv4 Address", 1, "IPv6 Address", 2, "URL", 3, "SIP URI");
        assertItems("CC-Unit-Type", 0, "TIME", 1, "MONEY", 2, "TOTAL-OCTETS", 3, "INPUT-OCTETS", 4, "OUTPUT-OCTETS",
            5, "SERVICE-SPECIFIC-UNITS");
        assertItems("Credit-Control-Failure-Handling", 0, "TERMINATE", 1, "CONTINUE", 2, "RETRY_AND_TERMINATE");
        assertItems("Direct-Debiting-Failure-Handling", 0, "TERMINATE_OR_BUFFER", 1, "CONTINUE");
        assertItems("CC-Session-Failover", 0, "FAILOVER_NOT_SUPPORTED", 1, "FAILOVER_SUPPORTED");
        assertItems("Multiple-Services-Indicator", 0, "MULTIPLE_SERVICES_NOT_SUPPORTED", 1, "MULTIPLE_SERVICES_SUPPORTED");
        assertItems("Check-Balance-Result", 0, "ENOUGH_CREDIT", 1, "NO_CREDIT");
        assertItems("Credit-Control", 0, "CREDIT_AUTHORIZATION", 1, "RE_AUTHORIZATION");
        assertItems("Tariff-Change-Usage", 0, "UNIT_BEFORE_TARIFF_CHANGE", 1, "UNIT_AFTER_TARIFF_CHANGE", 2, "UNIT_INDETERMINATE");
        assertItems("User-Equipment-Info-Type", 0, "IMEISV", 1, "MAC", 2, "EUI64", 3, "MODIFIED_EUI64");
        assertItems("CC-Request-Type", 1, "INITIAL_REQUEST", 2, "UPDATE_REQUEST", 3, "TERMINATION_REQUEST", 4, "EVENT_REQUEST");
        assertItems("Requested-Action", 0, "DIRECT_DEBITING", 1, "REFUND_ACCOUNT", 2, "CHECK_BALANCE", 3, "PRICE_ENQUIRY");
        assertItems("Disconnect-Cause", 0, "REBOOTING", 1, "BUSY", 2, "DO_NOT_WANT_TO_TALK_TO_YOU");
        assertItems("Auth-Session-State", 0, "STATE_MAINTAINED", 1, "NO_STATE_MAINTAINED");
        assertItems("Re-Auth-Request-Type", 0, "AUTHORIZE_ONLY", 1, "AUTHORIZE_AUTHENTICATE");
        assertItems("Termination-Cause", 1, "DIAMETER_LOGOUT", 2, "DIAMETER_SERVICE_NOT_PROVIDED", 3, "DIAMETER_BAD_ANSWER",
            4, "DIAMETER_ADMINISTRATIVE", 5, "DIAMETER_LINK_BROKEN", 6, "DIAMETER_AUTH_EXPIRED", 7, "DIAMETER_USER_MOVED",
            8, "DIAMETER_SESSION_TIMEOUT");
        assertItems("Reporting-Reason", 0, "THRESHOLD", 1, "QHT", 2, "FINAL", 3, "QUOTA_EXHAUSTED", 4, "VALIDITY_TIME",
            5, "OTHER_QUOTA_TYPE", 6, "RATING_CONDITION_CHANGE", 7, "FORCED_REAUTHORISATION", 8, "POOL_EXHAUSTED",
            9, "UNUSED_QUOTA_TIMER");
        assertItems("3GPP-PDP-Type", 0, "IPv4", 1, "PPP", 2, "IPv6", 3, "IPv4v6", 4, "Non-IP", 5, "Unstructured", 6, "Ethernet");
        assertItems("PDP-Context-Type", 0, "Primary", 1, "Secondary");
        assertItems("Low-Balance-Indication", 0, "NOT-APPLICABLE", 1, "YES");
        assertItems("Serving-Node-Type", 0, "SGSN", 1, "PMIPSGW", 2, "GTPSGW", 3, "ePDG", 4, "hSGW", 5, "MME", 6, "TWAN");
        assertItems("Dynamic-Address-Flag", 0, "Static", 1, "Dynamic");
        assertItems("Time-Quota-Type", 0, "DISCRETE_TIME_PERIOD", 1, "CONTINUOUS_TIME_PERIOD");
        assertEquals(5, DICTIONARY.avp("Envelope-Reporting").enumItems().size(), "0..4");
        assertEquals(6, DICTIONARY.avp("Charging-Characteristics-Selection-Mode").enumItems().size(), "0..5");
        assertEquals(4, DICTIONARY.avp("AoC-Request-Type").enumItems().size());
    }

    @Test
    void shouldListTheTriggerTypesOfPROTOCOLS()
    {
        final AvpDefinition triggerType = DICTIONARY.avp("Trigger-Type");
        final List<Integer> expected = new ArrayList<>(List.of(1, 2, 3, 4, 5, 40, 50, 51, 52, 60, 61, 70, 71, 72, 73));
        for (int value = 10; value <= 24; value++)
        {
            expected.add(value);
        }
        for (int value = 30; value <= 36; value++)
        {
            expected.add(value);
        }
        for (final int value : expected)
        {
            assertTrue(triggerType.isKnownEnumValue(value), "Trigger-Type " + value);
        }
        assertEquals("CHANGEINQOS_DELAY_CLASS", triggerType.enumName(12), "TS 32.299, not go-diameter's RELIABILITY_CLASS");
        assertEquals("CHANGE_IN_SERVICE_CONDITION", triggerType.enumName(60));
        assertFalse(triggerType.isKnownEnumValue(6));
        assertFalse(triggerType.isKnownEnumValue(-1));
    }

    @Test
    void shouldAnswerUnknownEnumeratedValuesWithoutFailing()
    {
        final AvpDefinition ccRequestType = DICTIONARY.avp("CC-Request-Type");
        assertFalse(ccRequestType.isKnownEnumValue(0), "RFC 4006 §8.3: 0 is reserved");
        assertNull(ccRequestType.enumName(0));
        assertNull(ccRequestType.enumName(Integer.MIN_VALUE));
        assertFalse(DICTIONARY.avp("Session-Id").isKnownEnumValue(0), "not an enumeration");
    }

    @Test
    void shouldGiveCcrTheRfc4006GrammarPlusTheTs32299Additions()
    {
        final CommandDefinition ccr = DICTIONARY.command(CommandCode.CREDIT_CONTROL);
        assertEquals("Credit-Control", ccr.name());
        assertEquals("CCR", ccr.requestAbbreviation());
        assertEquals("CCA", ccr.answerAbbreviation());
        assertEquals(4L, ccr.applicationId());
        assertTrue(ccr.proxiable());
        assertTrue(ccr.requestAllowsAnyAvp());

        final AvpRule sessionId = ccr.requestRules().get(0);
        assertEquals("Session-Id", sessionId.avp().name());
        assertTrue(sessionId.fixedFirst());
        assertEquals(1, sessionId.minOccurs());
        assertEquals(1, sessionId.maxOccurs());

        assertEquals(List.of("Session-Id", "Origin-Host", "Origin-Realm", "Destination-Realm", "Auth-Application-Id",
            "Service-Context-Id", "CC-Request-Type", "CC-Request-Number"), requiredNames(ccr.requestRules()));
        assertRule(ccr.requestRules(), "Multiple-Services-Credit-Control", 0, AvpRule.UNBOUNDED);
        assertRule(ccr.requestRules(), "Subscription-Id", 0, AvpRule.UNBOUNDED);
        assertRule(ccr.requestRules(), "Subscription-Id-Extension", 0, AvpRule.UNBOUNDED);
        assertRule(ccr.requestRules(), "Used-Service-Unit", 0, AvpRule.UNBOUNDED);
        assertRule(ccr.requestRules(), "Requested-Action", 0, 1);
        assertRule(ccr.requestRules(), "User-Equipment-Info-Extension", 0, 1);
        assertRule(ccr.requestRules(), "AoC-Request-Type", 0, 1);
        assertRule(ccr.requestRules(), "Service-Information", 0, 1);
        assertEquals("TS 32.299 §6.4.2, §6.4.3", ruleFor(ccr.requestRules(), "Service-Information").source());
        assertEquals("RFC 8506 §3.1", ruleFor(ccr.requestRules(), "Subscription-Id-Extension").source());
        assertTrue(ccr.requestRule(0, AvpCode.RESULT_CODE).isForbidden(), "RFC 8506 §10.1: Result-Code is 0 in CCR");
        assertNull(ccr.requestRule(0, AvpCode.PROXY_HOST), "not named by the CCR grammar");
        assertSame(ruleFor(ccr.requestRules(), "CC-Request-Type"), ccr.requestRule(0, AvpCode.CC_REQUEST_TYPE));
        assertTrue(ccr.source().contains("TS 32.299"));
    }

    @Test
    void shouldGiveCcaTheRfc4006GrammarPlusTheTs32299Additions()
    {
        final CommandDefinition cca = DICTIONARY.command(CommandCode.CREDIT_CONTROL);
        assertEquals(List.of("Session-Id", "Result-Code", "Origin-Host", "Origin-Realm", "Auth-Application-Id",
            "CC-Request-Type", "CC-Request-Number"), requiredNames(cca.answerRules()));
        assertTrue(cca.answerRules().get(0).fixedFirst());
        assertRule(cca.answerRules(), "Failed-AVP", 0, AvpRule.UNBOUNDED);
        assertRule(cca.answerRules(), "Redirect-Host", 0, AvpRule.UNBOUNDED);
        assertRule(cca.answerRules(), "Multiple-Services-Credit-Control", 0, AvpRule.UNBOUNDED);
        assertRule(cca.answerRules(), "QoS-Final-Unit-Indication", 0, 1);
        assertRule(cca.answerRules(), "Experimental-Result", 0, 1);
        assertRule(cca.answerRules(), "Low-Balance-Indication", 0, 1);
        assertRule(cca.answerRules(), "Remaining-Balance", 0, 1);
        assertRule(cca.answerRules(), "Service-Information", 0, 1);
        assertTrue(cca.answerRule(0, AvpCode.DESTINATION_REALM).isForbidden(), "answers never carry Destination-Realm");
        assertTrue(cca.answerRule(0, AvpCode.SERVICE_CONTEXT_ID).isForbidden());
        assertTrue(cca.answerAllowsAnyAvp());
    }

    @Test
    void shouldForbidInCreditControlWhatRfc8506Section101MarksZero()
    {
        final CommandDefinition cc = DICTIONARY.command(CommandCode.CREDIT_CONTROL);
        assertEquals(List.of("CC-Session-Failover", "Check-Balance-Result", "Cost-Information",
            "Credit-Control-Failure-Handling", "Direct-Debiting-Failure-Handling", "Failed-AVP", "Final-Unit-Indication",
            "QoS-Final-Unit-Indication", "Granted-Service-Unit", "Redirect-Host", "Redirect-Host-Usage",
            "Redirect-Max-Cache-Time", "Result-Code", "Validity-Time"), forbiddenNames(cc.requestRules()));
        assertEquals(List.of("CC-Correlation-Id", "Destination-Host", "Destination-Realm", "Multiple-Services-Indicator",
            "Requested-Action", "Requested-Service-Unit", "Service-Context-Id", "Service-Identifier", "Service-Parameter-Info",
            "Subscription-Id", "Subscription-Id-Extension", "Termination-Cause", "User-Equipment-Info",
            "User-Equipment-Info-Extension", "Used-Service-Unit"), forbiddenNames(cc.answerRules()));
        assertEquals("RFC 8506 §10.1", cc.requestRule(0, AvpCode.VALIDITY_TIME).source());
    }

    @Test
    void shouldForbidDestinationAvpsInEveryAnswer()
    {
        for (final CommandDefinition command : DICTIONARY.commands())
        {
            assertTrue(command.answerRule(0, AvpCode.DESTINATION_HOST).isForbidden(), command + " answer");
            assertTrue(command.answerRule(0, AvpCode.DESTINATION_REALM).isForbidden(), command + " answer");
            assertTrue(forbiddenNames(command.requestRules()).isEmpty() || CommandCode.CREDIT_CONTROL == command.code(),
                command + ": only CCR forbids AVPs in a request");
        }
        assertEquals(List.of("Destination-Host", "Destination-Realm"), forbiddenNames(DICTIONARY.errorAnswerRules()));
    }

    @Test
    void shouldGiveTheCapabilitiesExchangeTheRfc6733Grammar()
    {
        final CommandDefinition ce = DICTIONARY.command(CommandCode.CAPABILITIES_EXCHANGE);
        assertEquals("CER", ce.requestAbbreviation());
        assertEquals(0L, ce.applicationId());
        assertFalse(ce.proxiable(), "CER/CEA MUST NOT be proxied (RFC 6733 §5.3)");
        assertEquals(List.of("Origin-Host", "Origin-Realm", "Host-IP-Address", "Vendor-Id", "Product-Name"),
            requiredNames(ce.requestRules()));
        assertRule(ce.requestRules(), "Host-IP-Address", 1, AvpRule.UNBOUNDED);
        assertRule(ce.requestRules(), "Auth-Application-Id", 0, AvpRule.UNBOUNDED);
        assertRule(ce.requestRules(), "Vendor-Specific-Application-Id", 0, AvpRule.UNBOUNDED);
        assertRule(ce.requestRules(), "Firmware-Revision", 0, 1);
        assertNull(ce.requestRule(0, AvpCode.RESULT_CODE));
        assertEquals(List.of("Result-Code", "Origin-Host", "Origin-Realm", "Host-IP-Address", "Vendor-Id", "Product-Name"),
            requiredNames(ce.answerRules()));
        assertRule(ce.answerRules(), "Failed-AVP", 0, 1);
        assertRule(ce.answerRules(), "Error-Message", 0, 1);
        assertFalse(ce.requestRules().get(0).fixedFirst(), "no Session-Id in CER");
    }

    @Test
    void shouldGiveWatchdogAndDisconnectTheRfc6733Grammar()
    {
        final CommandDefinition dw = DICTIONARY.command(CommandCode.DEVICE_WATCHDOG);
        assertEquals("DWR", dw.requestAbbreviation());
        assertFalse(dw.proxiable());
        assertEquals(List.of("Origin-Host", "Origin-Realm"), requiredNames(dw.requestRules()));
        assertRule(dw.requestRules(), "Origin-State-Id", 0, 1);
        assertEquals(List.of("Result-Code", "Origin-Host", "Origin-Realm"), requiredNames(dw.answerRules()));
        assertRule(dw.answerRules(), "Failed-AVP", 0, 1);
        assertTrue(dw.requestAllowsAnyAvp());

        final CommandDefinition dp = DICTIONARY.command(CommandCode.DISCONNECT_PEER);
        assertEquals("DPA", dp.answerAbbreviation());
        assertFalse(dp.proxiable());
        assertEquals(List.of("Origin-Host", "Origin-Realm", "Disconnect-Cause"), requiredNames(dp.requestRules()));
        assertEquals(List.of("Result-Code", "Origin-Host", "Origin-Realm"), requiredNames(dp.answerRules()));
        assertEquals(0L, dp.applicationId());
    }

    @Test
    void shouldGiveReAuthAndAbortSessionTheGrammarAnOcsSends()
    {
        final CommandDefinition ra = DICTIONARY.command(CommandCode.RE_AUTH);
        assertEquals("RAR", ra.requestAbbreviation());
        assertEquals(4L, ra.applicationId());
        assertTrue(ra.proxiable());
        assertEquals(List.of("Session-Id", "Origin-Host", "Origin-Realm", "Destination-Realm", "Destination-Host",
            "Auth-Application-Id", "Re-Auth-Request-Type"), requiredNames(ra.requestRules()));
        assertRule(ra.requestRules(), "Rating-Group", 0, 1);
        assertRule(ra.requestRules(), "Service-Identifier", 0, 1);
        assertRule(ra.requestRules(), "G-S-U-Pool-Identifier", 0, 1);
        assertRule(ra.answerRules(), "CC-Sub-Session-Id", 0, 1);
        assertEquals("RFC 8506 §10.2", ruleFor(ra.requestRules(), "Rating-Group").source());
        assertEquals(List.of("Session-Id", "Result-Code", "Origin-Host", "Origin-Realm"), requiredNames(ra.answerRules()));

        final CommandDefinition as = DICTIONARY.command(CommandCode.ABORT_SESSION);
        assertEquals("ASA", as.answerAbbreviation());
        assertEquals(4L, as.applicationId());
        assertEquals(List.of("Session-Id", "Origin-Host", "Origin-Realm", "Destination-Realm", "Destination-Host",
            "Auth-Application-Id"), requiredNames(as.requestRules()));
        assertEquals(List.of("Session-Id", "Result-Code", "Origin-Host", "Origin-Realm"), requiredNames(as.answerRules()));
        assertRule(as.answerRules(), "Redirect-Host", 0, AvpRule.UNBOUNDED);
    }

    @Test
    void shouldGiveSessionTerminationAndAccountingTheRfc6733Grammar()
    {
        final CommandDefinition st = DICTIONARY.command(CommandCode.SESSION_TERMINATION);
        assertEquals(List.of("Session-Id", "Origin-Host", "Origin-Realm", "Destination-Realm", "Auth-Application-Id",
            "Termination-Cause"), requiredNames(st.requestRules()));
        assertRule(st.requestRules(), "Class", 0, AvpRule.UNBOUNDED);

        final CommandDefinition ac = DICTIONARY.command(CommandCode.ACCOUNTING);
        assertEquals(3L, ac.applicationId());
        assertEquals(List.of("Session-Id", "Origin-Host", "Origin-Realm", "Destination-Realm", "Accounting-Record-Type",
            "Accounting-Record-Number"), requiredNames(ac.requestRules()));
        assertEquals(List.of("Session-Id", "Result-Code", "Origin-Host", "Origin-Realm", "Accounting-Record-Type",
            "Accounting-Record-Number"), requiredNames(ac.answerRules()));
        assertNull(DICTIONARY.command(999));
        assertNull(DICTIONARY.command(0xFFFFFF));
    }

    @Test
    void shouldGiveErrorAnswersTheRfc6733Section72Grammar()
    {
        final List<AvpRule> rules = DICTIONARY.errorAnswerRules();
        assertEquals("Session-Id", rules.get(0).avp().name());
        assertTrue(rules.get(0).fixedFirst());
        assertEquals(0, rules.get(0).minOccurs(), "0*1< Session-Id >");
        assertEquals(1, rules.get(0).maxOccurs());
        assertEquals(List.of("Origin-Host", "Origin-Realm", "Result-Code"), requiredNames(rules));
        assertRule(rules, "Failed-AVP", 0, 1);
        assertRule(rules, "Experimental-Result", 0, 1);
        assertRule(rules, "Error-Reporting-Host", 0, 1);
        assertRule(rules, "Proxy-Info", 0, AvpRule.UNBOUNDED);
        assertTrue(DICTIONARY.errorAnswerAllowsAnyAvp());
        assertEquals("RFC 6733 §7.2", DICTIONARY.errorAnswerSource());
        for (int i = 0; i < rules.size(); i++)
        {
            assertEquals(i, rules.get(i).index());
        }
    }

    @Test
    void shouldGiveMsccTheRfc4006ChildrenPlusTheTs32299Ones()
    {
        final AvpDefinition mscc = DICTIONARY.avp("Multiple-Services-Credit-Control");
        assertTrue(mscc.groupAllowsAnyAvp());
        assertRule(mscc.groupRules(), "Rating-Group", 0, 1);
        assertRule(mscc.groupRules(), "Service-Identifier", 0, AvpRule.UNBOUNDED);
        assertRule(mscc.groupRules(), "Granted-Service-Unit", 0, 1);
        assertRule(mscc.groupRules(), "Requested-Service-Unit", 0, 1);
        assertRule(mscc.groupRules(), "Used-Service-Unit", 0, AvpRule.UNBOUNDED);
        assertRule(mscc.groupRules(), "G-S-U-Pool-Reference", 0, AvpRule.UNBOUNDED);
        assertRule(mscc.groupRules(), "Validity-Time", 0, 1);
        assertRule(mscc.groupRules(), "Result-Code", 0, 1);
        assertRule(mscc.groupRules(), "Final-Unit-Indication", 0, 1);
        assertRule(mscc.groupRules(), "QoS-Final-Unit-Indication", 0, 1);
        assertRule(mscc.groupRules(), "Time-Quota-Threshold", 0, 1);
        assertRule(mscc.groupRules(), "Volume-Quota-Threshold", 0, 1);
        assertRule(mscc.groupRules(), "Unit-Quota-Threshold", 0, 1);
        assertRule(mscc.groupRules(), "Quota-Holding-Time", 0, 1);
        assertRule(mscc.groupRules(), "Quota-Consumption-Time", 0, 1);
        assertRule(mscc.groupRules(), "Reporting-Reason", 0, AvpRule.UNBOUNDED);
        assertRule(mscc.groupRules(), "Trigger", 0, 1);
        assertRule(mscc.groupRules(), "Envelope-Reporting", 0, 1);
        assertRule(mscc.groupRules(), "Time-Quota-Mechanism", 0, 1);
        assertRule(mscc.groupRules(), "Refund-Information", 0, 1);
        assertRule(mscc.groupRules(), "AF-Correlation-Information", 0, AvpRule.UNBOUNDED);
        assertRule(mscc.groupRules(), "3GPP-RAT-Type", 0, 1);
        assertTrue(mscc.source().startsWith("RFC 4006 §8.16; extended by TS 32.299"), mscc.source());

        final AvpRule ratingGroup = mscc.groupRule(0, AvpCode.RATING_GROUP);
        assertSame(ratingGroup, mscc.groupRules().get(ratingGroup.index()));
        assertNotNull(mscc.groupRule(TGPP, AvpCode.QUOTA_HOLDING_TIME));
        assertNull(mscc.groupRule(0, AvpCode.QUOTA_HOLDING_TIME), "871 without vendor 10415 is another AVP");
    }

    @Test
    void shouldGiveTheServiceUnitsTheirRfc4006Children()
    {
        final List<String> units = List.of("CC-Time", "CC-Money", "CC-Total-Octets", "CC-Input-Octets", "CC-Output-Octets",
            "CC-Service-Specific-Units");
        for (final String group : List.of("Granted-Service-Unit", "Requested-Service-Unit", "Used-Service-Unit"))
        {
            final AvpDefinition avp = DICTIONARY.avp(group);
            assertTrue(avp.groupAllowsAnyAvp(), group);
            for (final String unit : units)
            {
                assertRule(avp.groupRules(), unit, 0, 1);
            }
        }
        assertRule(DICTIONARY.avp("Granted-Service-Unit").groupRules(), "Tariff-Time-Change", 0, 1);
        final AvpDefinition usu = DICTIONARY.avp("Used-Service-Unit");
        assertRule(usu.groupRules(), "Tariff-Change-Usage", 0, 1);
        assertRule(usu.groupRules(), "Reporting-Reason", 0, 1);
        assertRule(usu.groupRules(), "Event-Charging-TimeStamp", 0, AvpRule.UNBOUNDED);
        assertNull(DICTIONARY.avp("Requested-Service-Unit").groupRule(TGPP, AvpCode.REPORTING_REASON));
    }

    @Test
    void shouldGiveTheMoneyAndRedirectGroupsTheirRfcGrammar()
    {
        assertGroup("CC-Money", false, "Unit-Value", 1, 1, "Currency-Code", 0, 1);
        assertGroup("Unit-Value", false, "Value-Digits", 1, 1, "Exponent", 0, 1);
        assertGroup("Cost-Information", false, "Unit-Value", 1, 1, "Currency-Code", 1, 1, "Cost-Unit", 0, 1);
        assertGroup("G-S-U-Pool-Reference", false, "G-S-U-Pool-Identifier", 1, 1, "CC-Unit-Type", 1, 1, "Unit-Value", 1, 1);
        assertGroup("Final-Unit-Indication", false, "Final-Unit-Action", 1, 1, "Restriction-Filter-Rule", 0, AvpRule.UNBOUNDED,
            "Filter-Id", 0, AvpRule.UNBOUNDED, "Redirect-Server", 0, 1);
        assertGroup("Redirect-Server", false, "Redirect-Address-Type", 1, 1, "Redirect-Server-Address", 1, 1);
        assertGroup("Subscription-Id", false, "Subscription-Id-Type", 1, 1, "Subscription-Id-Data", 1, 1);
        assertGroup("User-Equipment-Info", false, "User-Equipment-Info-Type", 1, 1, "User-Equipment-Info-Value", 1, 1);
        assertGroup("Service-Parameter-Info", false, "Service-Parameter-Type", 1, 1, "Service-Parameter-Value", 1, 1);
        assertGroup("QoS-Final-Unit-Indication", true, "Final-Unit-Action", 1, 1, "Filter-Id", 0, AvpRule.UNBOUNDED,
            "Redirect-Server-Extension", 0, 1);
        assertGroup("Remaining-Balance", false, "Unit-Value", 1, 1, "Currency-Code", 1, 1);
    }

    @Test
    void shouldGiveTheBaseGroupsTheirRfc6733Grammar()
    {
        assertGroup("Proxy-Info", true, "Proxy-Host", 1, 1, "Proxy-State", 1, 1);
        assertGroup("Experimental-Result", false, "Vendor-Id", 1, 1, "Experimental-Result-Code", 1, 1);
        assertGroup("Vendor-Specific-Application-Id", false, "Vendor-Id", 1, 1, "Auth-Application-Id", 0, 1,
            "Acct-Application-Id", 0, 1);
        assertGroup("Failed-AVP", true);
    }

    @Test
    void shouldGiveTheGyServiceInformationGroupsTheirTs32299Grammar()
    {
        final AvpDefinition serviceInformation = DICTIONARY.avp("Service-Information");
        assertRule(serviceInformation.groupRules(), "Subscription-Id", 0, AvpRule.UNBOUNDED);
        assertRule(serviceInformation.groupRules(), "PS-Information", 0, 1);
        assertTrue(serviceInformation.groupAllowsAnyAvp());

        final AvpDefinition ps = DICTIONARY.avp("PS-Information");
        for (final String child : List.of("3GPP-Charging-Id", "PDN-Connection-Charging-ID", "Node-Id", "3GPP-PDP-Type",
            "Dynamic-Address-Flag", "QoS-Information", "CG-Address", "Serving-Node-Type", "3GPP-IMSI-MCC-MNC",
            "3GPP-GGSN-MCC-MNC", "3GPP-NSAPI", "Called-Station-Id", "3GPP-Selection-Mode", "3GPP-Charging-Characteristics",
            "3GPP-SGSN-MCC-MNC", "3GPP-MS-TimeZone", "Charging-Rule-Base-Name", "3GPP-User-Location-Info",
            "User-CSG-Information", "3GPP-RAT-Type", "PDP-Context-Type", "Start-Time", "Stop-Time"))
        {
            assertRule(ps.groupRules(), child, 0, 1);
        }
        for (final String child : List.of("PDP-Address", "SGSN-Address", "GGSN-Address", "SGW-Address"))
        {
            assertRule(ps.groupRules(), child, 0, AvpRule.UNBOUNDED);
        }
        assertNotNull(ps.groupRule(0, 30), "Called-Station-Id is IETF, the APN");

        assertGroup("Trigger", false, "Trigger-Type", 0, AvpRule.UNBOUNDED);
        assertGroup("Related-Trigger", false, "Trigger-Type", 0, AvpRule.UNBOUNDED);
        assertGroup("Time-Quota-Mechanism", false, "Time-Quota-Type", 1, 1, "Base-Time-Interval", 1, 1);
        assertGroup("User-CSG-Information", false, "CSG-Id", 1, 1, "CSG-Access-Mode", 1, 1, "CSG-Membership-Indication", 0, 1);
        assertGroup("AF-Correlation-Information", false, "AF-Charging-Identifier", 1, 1, "Flows", 0, AvpRule.UNBOUNDED);
        assertGroup("PS-Furnish-Charging-Information", false, "3GPP-Charging-Id", 1, 1, "PS-Free-Format-Data", 1, 1,
            "PS-Append-Free-Format-Data", 0, 1);
        assertGroup("Service-Specific-Info", false, "Service-Specific-Data", 0, 1, "Service-Specific-Type", 0, 1);
        assertGroup("Envelope", false, "Envelope-Start-Time", 1, 1, "Envelope-End-Time", 0, 1, "CC-Total-Octets", 0, 1,
            "CC-Input-Octets", 0, 1, "CC-Output-Octets", 0, 1, "CC-Service-Specific-Units", 0, 1);
        assertGroup("Allocation-Retention-Priority", false, "Priority-Level", 1, 1, "Pre-emption-Capability", 0, 1,
            "Pre-emption-Vulnerability", 0, 1);
        assertTrue(DICTIONARY.avp("QoS-Information").groupAllowsAnyAvp());
    }

    @Test
    void shouldKnowTheApplicationsButNotRelay()
    {
        assertTrue(DICTIONARY.isApplicationKnown(ApplicationIds.COMMON));
        assertTrue(DICTIONARY.isApplicationKnown(ApplicationIds.BASE_ACCOUNTING));
        assertTrue(DICTIONARY.isApplicationKnown(ApplicationIds.CREDIT_CONTROL));
        assertFalse(DICTIONARY.isApplicationKnown(ApplicationIds.RELAY));
        assertFalse(DICTIONARY.isApplicationKnown(16777238L), "Gx is not a Gyro application");
        assertEquals("Diameter Credit Control", DICTIONARY.applicationName(4));
        assertEquals("Diameter Common Messages", DICTIONARY.applicationName(0));
        assertNull(DICTIONARY.applicationName(5));
        assertEquals(3, DICTIONARY.applications().size());
    }

    @Test
    void shouldNameTheResultCodesOfProtocolsTable17()
    {
        final int[] table = {1001, 2001, 2002, 3001, 3002, 3003, 3004, 3005, 3006, 3007, 3008, 3009, 3010, 4001, 4002, 4003,
            4010, 4011, 4012, 5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008, 5009, 5010, 5011, 5012, 5013, 5014, 5015, 5016,
            5017, 5030, 5031};
        for (final int code : table)
        {
            assertNotNull(DICTIONARY.resultCodeName(code), "Result-Code " + code);
        }
        assertEquals(table.length, DICTIONARY.resultCodeNames().size());
        assertEquals("DIAMETER_SUCCESS", DICTIONARY.resultCodeName(2001));
        assertEquals("ELECTION_LOST", DICTIONARY.resultCodeName(4003));
        assertEquals("DIAMETER_RATING_FAILED", DICTIONARY.resultCodeName(5031));
        assertNull(DICTIONARY.resultCodeName(2003));
    }

    @Test
    void shouldLoadTheRfcFilesWithoutThe3gppFile()
    {
        final DiameterDictionary rfcOnly = DiameterDictionary.load(DiameterDictionary.standardFiles().subList(0, 2));
        assertEquals(49 + 69, rfcOnly.avps().size());
        final AvpDefinition mscc = rfcOnly.avp("Multiple-Services-Credit-Control");
        assertEquals(11, mscc.groupRules().size(), "RFC 4006 §8.16 + RFC 8506 QoS-FUI only");
        assertEquals("RFC 4006 §8.16", mscc.source());
        assertNull(rfcOnly.command(CommandCode.CREDIT_CONTROL).requestRule(TGPP, AvpCode.SERVICE_INFORMATION));
        assertNull(rfcOnly.avp(TGPP, AvpCode.TGPP_CHARGING_ID));
        assertNotSame(DICTIONARY, rfcOnly);
    }

    @Test
    void shouldCountAvpsPerFile()
    {
        final Map<Integer, Integer> perVendor = new LinkedHashMap<>();
        for (final AvpDefinition avp : DICTIONARY.avps())
        {
            perVendor.merge(avp.vendorId(), 1, Integer::sum);
        }
        assertEquals(49 + 69 + 1, perVendor.get(0), "base + credit control + Called-Station-Id");
        assertEquals(88, perVendor.get(TGPP));
    }

    private static void assertNotSame(final Object unexpected, final Object actual)
    {
        assertFalse(unexpected == actual, "expected a new instance");
    }

    private static void assertItems(final String avpName, final Object... codesAndNames)
    {
        final AvpDefinition avp = DICTIONARY.avp(avpName);
        assertEquals(AvpType.ENUMERATED, avp.type(), avpName);
        final Map<Integer, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < codesAndNames.length; i += 2)
        {
            expected.put((Integer)codesAndNames[i], (String)codesAndNames[i + 1]);
        }
        assertEquals(expected, avp.enumItems(), avpName);
        expected.forEach((code, name) ->
        {
            assertTrue(avp.isKnownEnumValue(code));
            assertEquals(name, avp.enumName(code));
        });
    }

    /** The group's rules, in order, must be exactly the given (name, min, max) triples. */
    private static void assertGroup(final String avpName, final boolean allowsAny, final Object... nameMinMax)
    {
        final AvpDefinition avp = DICTIONARY.avp(avpName);
        assertTrue(avp.isGrouped(), avpName);
        assertEquals(allowsAny, avp.groupAllowsAnyAvp(), avpName + " *[AVP]");
        assertEquals(nameMinMax.length / 3, avp.groupRules().size(), avpName + " " + avp.groupRules());
        for (int i = 0; i < nameMinMax.length; i += 3)
        {
            final AvpRule rule = avp.groupRules().get(i / 3);
            assertEquals(nameMinMax[i], rule.avp().name(), avpName);
            assertEquals(nameMinMax[i + 1], rule.minOccurs(), avpName + "/" + nameMinMax[i] + " min");
            assertEquals(nameMinMax[i + 2], rule.maxOccurs(), avpName + "/" + nameMinMax[i] + " max");
            assertSame(rule, avp.groupRule(rule.avp().vendorId(), rule.avp().code()));
        }
    }

    private static void assertRule(final List<AvpRule> rules, final String name, final int min, final int max)
    {
        final AvpRule rule = ruleFor(rules, name);
        assertEquals(min, rule.minOccurs(), name + " min");
        assertEquals(max, rule.maxOccurs(), name + " max");
    }

    private static AvpRule ruleFor(final List<AvpRule> rules, final String name)
    {
        for (final AvpRule rule : rules)
        {
            if (rule.avp().name().equals(name))
            {
                return rule;
            }
        }
        throw new AssertionError("no rule for " + name + " in " + rules);
    }

    private static List<String> forbiddenNames(final List<AvpRule> rules)
    {
        final List<String> names = new ArrayList<>();
        for (final AvpRule rule : rules)
        {
            if (rule.isForbidden())
            {
                names.add(rule.avp().name());
            }
        }
        return names;
    }

    private static List<String> requiredNames(final List<AvpRule> rules)
    {
        final List<String> names = new ArrayList<>();
        for (final AvpRule rule : rules)
        {
            if (rule.isRequired())
            {
                names.add(rule.avp().name());
            }
        }
        return names;
    }
}
