package io.gyro.protocol.diameter.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken dictionary files are refused with a message naming the file, the line and the problem; well-formed
 * ones load with the semantics documented in the header of base-rfc6733.xml.
 */
class DictionaryLoaderTest
{
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final String SESSION_ID =
        "  <avp name=\"Session-Id\" code=\"263\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"UTF8String\"/></avp>";
    private static final String ORIGIN_HOST =
        "  <avp name=\"Origin-Host\" code=\"264\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"DiamIdent\"/></avp>";

    @TempDir
    Path folder;

    @Test
    void shouldLoadAMinimalFileWithTheDocumentedRuleSemantics() throws IOException
    {
        final URL file = write("ok.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <application id=\"16777238\" name=\"Test App\" source=\"t\">",
            "    <command code=\"300\" short=\"TE\" name=\"Test\" proxiable=\"true\" source=\"t\">",
            "      <request>",
            "        <rule avp=\"Session-Id\" required=\"true\" max=\"1\" position=\"first\"/>",
            "        <rule avp=\"Origin-Host\" required=\"true\"/>",
            "        <rule avp=\"Group\" max=\"0\"/>",
            "        <rule avp=\"Color\" min=\"2\" max=\"3\"/>",
            "        <any/>",
            "      </request>",
            "      <answer><rule avp=\"Session-Id\" max=\"1\" source=\"elsewhere\"/></answer>",
            "    </command>",
            "  </application>",
            SESSION_ID,
            ORIGIN_HOST,
            "  <avp name=\"Group\" code=\"999\" vendor-id=\"10415\" must=\"V\" may=\"M,P\" source=\"t\">",
            "    <data type=\"Grouped\"><rule avp=\"Session-Id\"/></data>",
            "  </avp>",
            "  <avp name=\"Color\" code=\"998\" must=\"M\" must-not=\"V\" strict=\"true\" source=\"t\">",
            "    <data type=\"Enumerated\"><item code=\"-1\" name=\"NONE\"/><item code=\"7\" name=\"RED\"/></data>",
            "  </avp>",
            "  <result-code code=\"2001\" name=\"DIAMETER_SUCCESS\" source=\"t\"/>",
            "</dictionary>");
        final DiameterDictionary dictionary = DiameterDictionary.load(List.of(file));

        final CommandDefinition test = dictionary.command(300);
        assertEquals("TER", test.requestAbbreviation());
        assertEquals(16777238L, test.applicationId());
        assertTrue(test.requestAllowsAnyAvp());
        assertFalse(test.answerAllowsAnyAvp());
        final List<AvpRule> rules = test.requestRules();
        assertTrue(rules.get(0).fixedFirst());
        assertEquals(1, rules.get(1).minOccurs(), "required without max is 1*{AVP}");
        assertEquals(AvpRule.UNBOUNDED, rules.get(1).maxOccurs());
        assertTrue(rules.get(2).isForbidden(), "max=0: MUST NOT appear");
        assertEquals(2, rules.get(3).minOccurs());
        assertEquals(3, rules.get(3).maxOccurs());
        assertEquals("t", rules.get(3).source(), "rules default to their command's source");
        assertEquals("elsewhere", test.answerRules().get(0).source());

        final AvpDefinition group = dictionary.avp(10415, 999);
        assertEquals(FlagRule.MAY, group.mandatoryBit());
        assertEquals(FlagRule.MUST, group.vendorBit());
        assertFalse(group.groupAllowsAnyAvp());
        final AvpDefinition color = dictionary.avp("Color");
        assertTrue(color.strictEnumeration());
        assertEquals("NONE", color.enumName(-1), "Enumerated is a signed Integer32");
        assertEquals("DIAMETER_SUCCESS", dictionary.resultCodeName(2001));
        assertTrue(dictionary.errorAnswerRules().isEmpty(), "no <answer-message> in this file");
        assertTrue(dictionary.isApplicationKnown(16777238L));
    }

    @Test
    void shouldRefuseAnUnknownDataType() throws IOException
    {
        final URL file = write("bad-type.xml",
            HEAD,
            "<dictionary source=\"test\">",
            SESSION_ID,
            "  <avp name=\"Odd\" code=\"1\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"Utf8String\"/></avp>",
            "</dictionary>");
        final DiameterDictionaryException ex = refuse(file);
        assertEquals("bad-type.xml", ex.file());
        assertEquals(4, ex.line());
        assertTrue(ex.getMessage().startsWith("bad-type.xml:4: "), ex.getMessage());
        assertTrue(ex.getMessage().contains("unknown data type 'Utf8String'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("Odd"), ex.getMessage());
    }

    @Test
    void shouldRefuseARuleNamingAnUndefinedAvp() throws IOException
    {
        final URL file = write("dangling.xml",
            HEAD,
            "<dictionary source=\"test\">",
            SESSION_ID,
            "  <avp name=\"Box\" code=\"5\" must=\"M\" must-not=\"V\" source=\"t\">",
            "    <data type=\"Grouped\">",
            "      <rule avp=\"Session-Id\"/>",
            "      <rule avp=\"Sesion-Id\" max=\"1\"/>",
            "    </data>",
            "  </avp>",
            "</dictionary>");
        final DiameterDictionaryException ex = refuse(file);
        assertEquals(7, ex.line());
        assertTrue(ex.getMessage().startsWith("dangling.xml:7: rule refers to unknown AVP Sesion-Id"), ex.getMessage());
    }

    @Test
    void shouldRefuseACommandRuleNamingAnAvpNoLoadedFileDefines() throws IOException
    {
        final URL file = write("dangling-command.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <application id=\"4\" name=\"CC\">",
            "    <command code=\"272\" short=\"CC\" name=\"Credit-Control\" proxiable=\"true\" source=\"t\">",
            "      <request><rule avp=\"Session-Id\" required=\"true\" max=\"1\"/></request>",
            "      <answer><rule avp=\"Result-Code\" required=\"true\" max=\"1\"/></answer>",
            "    </command>",
            "  </application>",
            SESSION_ID,
            "</dictionary>");
        final DiameterDictionaryException ex = refuse(file);
        assertTrue(ex.getMessage().startsWith("dangling-command.xml:6: rule refers to unknown AVP Result-Code"), ex.getMessage());
    }

    @Test
    void shouldRefuseTwoAvpsWithTheSameVendorAndCode() throws IOException
    {
        final URL file = write("duplicate.xml",
            HEAD,
            "<dictionary source=\"test\">",
            SESSION_ID,
            "  <avp name=\"Session-Id-Again\" code=\"263\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"UTF8String\"/></avp>",
            "</dictionary>");
        final DiameterDictionaryException ex = refuse(file);
        assertEquals(4, ex.line());
        assertTrue(ex.getMessage().contains("duplicate AVP (vendor 0, code 263)"), ex.getMessage());
        assertTrue(ex.getMessage().contains("duplicate.xml:3"), "names the first definition too: " + ex.getMessage());
    }

    @Test
    void shouldRefuseADuplicateCodeAcrossFiles() throws IOException
    {
        final URL first = write("first.xml", HEAD, "<dictionary source=\"test\">", SESSION_ID, "</dictionary>");
        final URL second = write("second.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "",
            "  <avp name=\"Other\" code=\"263\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"OctetString\"/></avp>",
            "</dictionary>");
        final DiameterDictionaryException ex = refuse(first, second);
        assertTrue(ex.getMessage().startsWith("second.xml:4: duplicate AVP (vendor 0, code 263): Other and Session-Id (first.xml:3)"),
            ex.getMessage());
    }

    @Test
    void shouldAcceptTheSameCodeUnderAnotherVendor() throws IOException
    {
        final URL file = write("vendors.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"User-Name\" code=\"1\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"UTF8String\"/></avp>",
            "  <avp name=\"3GPP-IMSI\" code=\"1\" vendor-id=\"10415\" must=\"V,M\" source=\"t\"><data type=\"UTF8String\"/></avp>",
            "</dictionary>");
        final DiameterDictionary dictionary = DiameterDictionary.load(List.of(file));
        assertEquals("User-Name", dictionary.avp(0, 1).name());
        assertEquals("3GPP-IMSI", dictionary.avp(10415, 1).name());
    }

    @Test
    void shouldRefuseADuplicateAvpName() throws IOException
    {
        final URL file = write("duplicate-name.xml",
            HEAD,
            "<dictionary source=\"test\">",
            SESSION_ID,
            "  <avp name=\"Session-Id\" code=\"1263\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"UTF8String\"/></avp>",
            "</dictionary>");
        assertTrue(refuse(file).getMessage().startsWith("duplicate-name.xml:4: duplicate AVP name Session-Id"));
    }

    @Test
    void shouldRefuseDuplicateCommandsEnumValuesAndResultCodes() throws IOException
    {
        final URL commands = write("commands.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <application id=\"0\" name=\"A\">",
            "    <command code=\"280\" short=\"DW\" name=\"W\" proxiable=\"false\" source=\"t\"><request/><answer/></command>",
            "    <command code=\"280\" short=\"DX\" name=\"X\" proxiable=\"false\" source=\"t\"><request/><answer/></command>",
            "  </application>",
            "</dictionary>");
        assertTrue(refuse(commands).getMessage().startsWith("commands.xml:5: command 280 defined twice"));

        final URL items = write("items.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"E\" code=\"9\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"Enumerated\">",
            "    <item code=\"1\" name=\"ONE\"/>",
            "    <item code=\"1\" name=\"UNO\"/>",
            "  </data></avp>",
            "</dictionary>");
        assertTrue(refuse(items).getMessage().startsWith("items.xml:5: AVP E lists value 1 twice"));

        final URL codes = write("codes.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <result-code code=\"2001\" name=\"A\" source=\"t\"/>",
            "  <result-code code=\"2001\" name=\"B\" source=\"t\"/>",
            "</dictionary>");
        assertTrue(refuse(codes).getMessage().startsWith("codes.xml:4: result code 2001 defined twice"));
    }

    @Test
    void shouldRefuseUnknownElementsAndAttributes() throws IOException
    {
        final URL element = write("element.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avps/>",
            "</dictionary>");
        assertTrue(refuse(element).getMessage().startsWith("element.xml:3: unknown element <avps>"));

        final URL attribute = write("attribute.xml",
            HEAD,
            "<dictionary source=\"test\">",
            SESSION_ID,
            "  <avp name=\"G\" code=\"9\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"Grouped\">",
            "    <rule avp=\"Session-Id\" requried=\"true\"/>",
            "  </data></avp>",
            "</dictionary>");
        assertTrue(refuse(attribute).getMessage().startsWith("attribute.xml:5: unknown attribute 'requried' on <rule>"));

        final URL misplaced = write("misplaced.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <command code=\"1\" short=\"X\" name=\"X\" proxiable=\"true\" source=\"t\"/>",
            "</dictionary>");
        assertTrue(refuse(misplaced).getMessage().startsWith("misplaced.xml:3: <command> is not allowed inside <dictionary>"));
    }

    @Test
    void shouldRefuseInconsistentFlagRules() throws IOException
    {
        final URL noM = write("no-m.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"A\" code=\"9\" must-not=\"V\" source=\"t\"><data type=\"OctetString\"/></avp>",
            "</dictionary>");
        assertTrue(refuse(noM).getMessage().contains("must state the M bit rule exactly once"));

        final URL twiceM = write("twice-m.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"A\" code=\"9\" must=\"M\" must-not=\"V,M\" source=\"t\"><data type=\"OctetString\"/></avp>",
            "</dictionary>");
        assertTrue(refuse(twiceM).getMessage().contains("found 2"));

        final URL vendorWithoutV = write("vendor-v.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"A\" code=\"9\" vendor-id=\"10415\" must=\"M\" source=\"t\"><data type=\"OctetString\"/></avp>",
            "</dictionary>");
        assertTrue(refuse(vendorWithoutV).getMessage().contains("has vendor-id 10415 so V must be listed in must"));

        final URL ietfWithV = write("ietf-v.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"A\" code=\"9\" must=\"V,M\" source=\"t\"><data type=\"OctetString\"/></avp>",
            "</dictionary>");
        assertTrue(refuse(ietfWithV).getMessage().contains("has no vendor-id so V must be listed in must-not"));

        final URL badLetter = write("letter.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"A\" code=\"9\" must=\"M\" must-not=\"X\" source=\"t\"><data type=\"OctetString\"/></avp>",
            "</dictionary>");
        assertTrue(refuse(badLetter).getMessage().contains("unknown AVP flag 'X'"));
    }

    @Test
    void shouldRefuseContentThatDoesNotFitTheType() throws IOException
    {
        final URL itemOnString = write("item.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"A\" code=\"9\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"Unsigned32\">",
            "    <item code=\"1\" name=\"ONE\"/>",
            "  </data></avp>",
            "</dictionary>");
        assertTrue(refuse(itemOnString).getMessage().startsWith("item.xml:4: <item> inside AVP A, which is Unsigned32"));

        final URL ruleOnString = write("rule.xml",
            HEAD,
            "<dictionary source=\"test\">",
            SESSION_ID,
            "  <avp name=\"A\" code=\"9\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"OctetString\">",
            "    <rule avp=\"Session-Id\"/>",
            "  </data></avp>",
            "</dictionary>");
        assertTrue(refuse(ruleOnString).getMessage().contains("<rule> inside the <data> of A, which is OctetString"));

        final URL strictString = write("strict.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"A\" code=\"9\" must=\"M\" must-not=\"V\" strict=\"true\" source=\"t\"><data type=\"OctetString\"/></avp>",
            "</dictionary>");
        assertTrue(refuse(strictString).getMessage().contains("strict=\"true\" on AVP A, which is not Enumerated"));

        final URL noData = write("no-data.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"A\" code=\"9\" must=\"M\" must-not=\"V\" source=\"t\"></avp>",
            "</dictionary>");
        assertTrue(refuse(noData).getMessage().contains("AVP A has no <data type=...>"));
    }

    @Test
    void shouldRefuseImpossibleOccurrenceRules() throws IOException
    {
        final URL minAboveMax = write("min-max.xml",
            HEAD,
            "<dictionary source=\"test\">",
            SESSION_ID,
            "  <avp name=\"G\" code=\"9\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"Grouped\">",
            "    <rule avp=\"Session-Id\" required=\"true\" max=\"0\"/>",
            "  </data></avp>",
            "</dictionary>");
        assertTrue(refuse(minAboveMax).getMessage().startsWith("min-max.xml:5: rule for Session-Id: min 1 exceeds max 0"));

        final URL lateFirst = write("late-first.xml",
            HEAD,
            "<dictionary source=\"test\">",
            SESSION_ID,
            ORIGIN_HOST,
            "  <avp name=\"G\" code=\"9\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"Grouped\">",
            "    <rule avp=\"Origin-Host\"/>",
            "    <rule avp=\"Session-Id\" position=\"first\"/>",
            "  </data></avp>",
            "</dictionary>");
        assertTrue(refuse(lateFirst).getMessage().startsWith("late-first.xml:7: position=\"first\" on Session-Id"));

        final URL twice = write("twice.xml",
            HEAD,
            "<dictionary source=\"test\">",
            SESSION_ID,
            "  <avp name=\"G\" code=\"9\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"Grouped\">",
            "    <rule avp=\"Session-Id\"/>",
            "    <rule avp=\"Session-Id\" max=\"1\"/>",
            "  </data></avp>",
            "</dictionary>");
        assertTrue(refuse(twice).getMessage().startsWith("twice.xml:6: AVP Session-Id has two rules in one grammar"));

        final URL contradiction = write("contradiction.xml",
            HEAD,
            "<dictionary source=\"test\">",
            SESSION_ID,
            "  <avp name=\"G\" code=\"9\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"Grouped\">",
            "    <rule avp=\"Session-Id\" required=\"false\" min=\"1\"/>",
            "  </data></avp>",
            "</dictionary>");
        assertTrue(refuse(contradiction).getMessage().contains("required=\"false\" contradicts min=\"1\""));
    }

    @Test
    void shouldRefuseOutOfRangeNumbers() throws IOException
    {
        final URL code = write("code.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"A\" code=\"4294967296\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"OctetString\"/></avp>",
            "</dictionary>");
        assertTrue(refuse(code).getMessage().contains("AVP code of A 4294967296 is outside 0..4294967295"));

        final URL command = write("command-code.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <application id=\"0\" name=\"A\">",
            "    <command code=\"16777216\" short=\"X\" name=\"X\" proxiable=\"true\" source=\"t\"><request/><answer/></command>",
            "  </application>",
            "</dictionary>");
        assertTrue(refuse(command).getMessage().contains("does not fit the 24-bit field"));

        final URL notNumber = write("nan.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"A\" code=\"x1\" must=\"M\" must-not=\"V\" source=\"t\"><data type=\"OctetString\"/></avp>",
            "</dictionary>");
        assertTrue(refuse(notNumber).getMessage().contains("'x1' is not a number"));
    }

    @Test
    void shouldApplyExtensionsFromALaterFileAndRefuseDanglingOnes() throws IOException
    {
        final URL base = write("base.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <application id=\"4\" name=\"CC\">",
            "    <command code=\"272\" short=\"CC\" name=\"Credit-Control\" proxiable=\"true\" source=\"RFC\">",
            "      <request><rule avp=\"Session-Id\" required=\"true\" max=\"1\"/></request>",
            "      <answer><rule avp=\"Session-Id\" required=\"true\" max=\"1\"/></answer>",
            "    </command>",
            "  </application>",
            SESSION_ID,
            "  <avp name=\"G\" code=\"9\" must=\"M\" must-not=\"V\" source=\"RFC\"><data type=\"Grouped\"><any/></data></avp>",
            "</dictionary>");
        final URL extension = write("extension.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <extend-avp name=\"G\" source=\"TS\"><rule avp=\"X\" max=\"1\"/></extend-avp>",
            "  <extend-command code=\"272\" source=\"TS\"><answer><rule avp=\"X\" max=\"1\"/></answer></extend-command>",
            "  <avp name=\"X\" code=\"7\" vendor-id=\"10415\" must=\"V,M\" source=\"TS\"><data type=\"Unsigned32\"/></avp>",
            "</dictionary>");
        final DiameterDictionary dictionary = DiameterDictionary.load(List.of(base, extension));
        final AvpDefinition group = dictionary.avp("G");
        assertEquals(1, group.groupRules().size());
        assertEquals("TS", group.groupRules().get(0).source());
        assertTrue(group.groupAllowsAnyAvp(), "the extension keeps the base's *[AVP]");
        assertEquals("RFC; extended by TS", group.source());
        final CommandDefinition command = dictionary.command(272);
        assertEquals(1, command.requestRules().size());
        assertEquals(2, command.answerRules().size());
        assertNotNull(command.answerRule(10415, 7));

        final URL unknownTarget = write("unknown-target.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <extend-avp name=\"Nobody\" source=\"TS\"/>",
            "</dictionary>");
        assertTrue(refuse(base, unknownTarget).getMessage().startsWith("unknown-target.xml:3: <extend-avp> names unknown AVP Nobody"));

        final URL notGrouped = write("not-grouped.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <extend-avp name=\"Session-Id\" source=\"TS\"/>",
            "</dictionary>");
        assertTrue(refuse(base, notGrouped).getMessage().contains("names Session-Id, which is not Grouped"));

        final URL unknownCommand = write("unknown-command.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <extend-command code=\"999\" source=\"TS\"/>",
            "</dictionary>");
        assertTrue(refuse(base, unknownCommand).getMessage().contains("<extend-command> names unknown command 999"));
    }

    @Test
    void shouldRefuseMalformedXmlAndDoctypes() throws IOException
    {
        final URL malformed = write("malformed.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  <avp name=\"A\" code=\"1\"",
            "</dictionary>");
        final DiameterDictionaryException ex = refuse(malformed);
        assertTrue(ex.getMessage().startsWith("malformed.xml:"), ex.getMessage());
        assertTrue(ex.getMessage().contains("malformed XML"), ex.getMessage());

        // An external entity must never be resolved (XXE): the DOCTYPE itself is refused.
        final Path secret = Files.writeString(folder.resolve("secret.txt"), "secret");
        final URL doctype = write("doctype.xml",
            HEAD,
            "<!DOCTYPE dictionary [ <!ENTITY leak SYSTEM \"" + secret.toUri() + "\"> ]>",
            "<dictionary source=\"&leak;\"/>");
        final DiameterDictionaryException doctypeEx = refuse(doctype);
        assertTrue(doctypeEx.getMessage().startsWith("doctype.xml:2: malformed XML"), doctypeEx.getMessage());
        assertFalse(doctypeEx.getMessage().contains("secret\""), doctypeEx.getMessage());

        final URL text = write("text.xml",
            HEAD,
            "<dictionary source=\"test\">",
            "  stray words",
            "</dictionary>");
        assertTrue(refuse(text).getMessage().contains("unexpected text 'stray words'"));
    }

    @Test
    void shouldRefuseMissingFilesAndEmptyLists()
    {
        final DiameterDictionaryException missing = assertThrows(DiameterDictionaryException.class,
            () -> DiameterDictionary.load(List.of(folder.resolve("absent.xml").toUri().toURL())));
        assertTrue(missing.getMessage().startsWith("absent.xml:0: cannot read"), missing.getMessage());

        final DiameterDictionaryException none = assertThrows(DiameterDictionaryException.class,
            () -> DiameterDictionary.load(List.of()));
        assertTrue(none.getMessage().contains("no dictionary files given"));
    }

    private DiameterDictionaryException refuse(final URL... files)
    {
        return assertThrows(DiameterDictionaryException.class, () -> DiameterDictionary.load(List.of(files)));
    }

    private URL write(final String name, final String... lines) throws IOException
    {
        final Path path = folder.resolve(name);
        Files.writeString(path, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return path.toUri().toURL();
    }
}
