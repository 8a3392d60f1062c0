package io.gyro.protocol.diameter.dictionary;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads dictionary files (format described in the header of {@code base-rfc6733.xml}) into the immutable
 * runtime model. Runs once at start-up, so it favours exact error messages over speed.
 * <p>
 * Two passes: each file is parsed with SAX (for line numbers) into raw records; then extensions are
 * applied, names are resolved across all files and the model is built. Not thread safe; one instance per
 * {@link DiameterDictionary#load(List)} call.
 */
final class DictionaryLoader
{
    /** The largest Command Code: the field is 24 bits wide (RFC 6733 §3). */
    private static final int MAX_COMMAND_CODE = 0xFFFFFF;
    /** The largest value of the unsigned 32-bit AVP Code, Vendor-ID and Application-ID fields (RFC 6733 §3, §4.1). */
    private static final long MAX_UNSIGNED32 = 0xFFFFFFFFL;

    private final List<RawAvp> avps = new ArrayList<>();
    private final List<RawApplication> applications = new ArrayList<>();
    private final List<RawCommand> commands = new ArrayList<>();
    private final List<RawExtendAvp> avpExtensions = new ArrayList<>();
    private final List<RawExtendCommand> commandExtensions = new ArrayList<>();
    private final List<RawResultCode> resultCodes = new ArrayList<>();
    private RawRuleList errorAnswer;
    private String errorAnswerSource;

    DiameterDictionary load(final List<URL> files)
    {
        if (files.isEmpty())
        {
            throw new DiameterDictionaryException("(none)", 0, "no dictionary files given");
        }
        for (final URL url : files)
        {
            parse(url);
        }
        return build();
    }

    // ----------------------------------------------------------------------------------------------------
    // Pass 1: one file into raw records.

    private void parse(final URL url)
    {
        final String file = fileName(url);
        final Handler handler = new Handler(file);
        try (InputStream in = url.openStream())
        {
            newParser().parse(in, handler);
        }
        catch (final SAXParseException ex)
        {
            throw new DiameterDictionaryException(file, ex.getLineNumber(), "malformed XML: " + ex.getMessage(), ex);
        }
        catch (final SAXException ex)
        {
            if (ex.getException() instanceof DiameterDictionaryException)
            {
                throw (DiameterDictionaryException)ex.getException();
            }
            throw new DiameterDictionaryException(file, handler.line(), "cannot parse: " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new DiameterDictionaryException(file, 0, "cannot read " + url + ": " + ex.getMessage(), ex);
        }
    }

    private static SAXParser newParser()
    {
        try
        {
            // Dictionaries are plain data: no DTDs, no external entities (XXE), no XInclude.
            final SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return factory.newSAXParser();
        }
        catch (final ParserConfigurationException | SAXException ex)
        {
            throw new IllegalStateException("the JDK XML parser rejected a standard feature", ex);
        }
    }

    static String fileName(final URL url)
    {
        final String path = url.getPath();
        final int slash = path.lastIndexOf('/');
        return slash >= 0 && slash < path.length() - 1 ? path.substring(slash + 1) : url.toString();
    }

    private final class Handler extends DefaultHandler
    {
        private final String file;
        private final Deque<String> elements = new ArrayDeque<>();
        private Locator locator;
        private boolean seenRoot;
        private RawApplication application;
        private RawCommand command;
        private RawExtendCommand commandExtension;
        private RawAvp avp;
        private boolean avpHasData;
        private RawRuleList rules;

        Handler(final String file)
        {
            this.file = file;
        }

        int line()
        {
            return null == locator ? 0 : locator.getLineNumber();
        }

        private DiameterDictionaryException error(final String problem)
        {
            return new DiameterDictionaryException(file, line(), problem);
        }

        @Override
        public void setDocumentLocator(final Locator locator)
        {
            this.locator = locator;
        }

        @Override
        public void startElement(final String uri, final String localName, final String qName, final Attributes attrs)
        {
            final String parent = elements.peek();
            switch (qName)
            {
                case "dictionary":
                    expectParent(qName, parent, (String)null);
                    if (seenRoot)
                    {
                        throw error("more than one <dictionary> element");
                    }
                    seenRoot = true;
                    checkAttributes(qName, attrs, "source");
                    required(qName, attrs, "source");
                    break;

                case "application":
                    expectParent(qName, parent, "dictionary");
                    checkAttributes(qName, attrs, "id", "name", "source");
                    application = new RawApplication(
                        unsigned32(required(qName, attrs, "id"), "application id"),
                        required(qName, attrs, "name"), file, line());
                    applications.add(application);
                    break;

                case "command":
                    expectParent(qName, parent, "application");
                    checkAttributes(qName, attrs, "code", "short", "name", "proxiable", "source");
                    command = new RawCommand(
                        commandCode(required(qName, attrs, "code")),
                        application.id,
                        required(qName, attrs, "name"),
                        required(qName, attrs, "short"),
                        bool(required(qName, attrs, "proxiable"), "proxiable"),
                        required(qName, attrs, "source"),
                        file,
                        line());
                    commands.add(command);
                    break;

                case "request":
                case "answer":
                    expectParent(qName, parent, "command", "extend-command");
                    checkAttributes(qName, attrs);
                    rules = new RawRuleList(file, line());
                    if ("command".equals(parent))
                    {
                        command.setRules(qName, rules, this);
                    }
                    else
                    {
                        commandExtension.setRules(qName, rules, this);
                    }
                    break;

                case "rule":
                    expectParent(qName, parent, "request", "answer", "data", "extend-avp", "answer-message");
                    if ("data".equals(parent) && null == rules)
                    {
                        throw error("<rule> inside the <data> of " + avp.name + ", which is " + avp.type.dictionaryName() +
                            ", not Grouped");
                    }
                    rules.rules.add(rule(attrs));
                    break;

                case "any":
                    expectParent(qName, parent, "request", "answer", "data", "answer-message");
                    checkAttributes(qName, attrs);
                    if ("data".equals(parent) && null == rules)
                    {
                        throw error("<any> inside the <data> of " + avp.name + ", which is not Grouped");
                    }
                    if (rules.any)
                    {
                        throw error("<any> given twice");
                    }
                    rules.any = true;
                    break;

                case "answer-message":
                    expectParent(qName, parent, "dictionary");
                    checkAttributes(qName, attrs, "source");
                    if (null != errorAnswer)
                    {
                        throw error("<answer-message> defined twice (first at " + errorAnswer.file + ":" + errorAnswer.line + ")");
                    }
                    errorAnswerSource = required(qName, attrs, "source");
                    errorAnswer = new RawRuleList(file, line());
                    rules = errorAnswer;
                    break;

                case "result-code":
                    expectParent(qName, parent, "dictionary");
                    checkAttributes(qName, attrs, "code", "name", "source");
                    resultCodes.add(new RawResultCode(
                        (int)unsigned32(required(qName, attrs, "code"), "result code"),
                        required(qName, attrs, "name"),
                        required(qName, attrs, "source"),
                        file,
                        line()));
                    break;

                case "avp":
                    expectParent(qName, parent, "dictionary");
                    avp = avp(attrs);
                    avpHasData = false;
                    break;

                case "data":
                    expectParent(qName, parent, "avp");
                    checkAttributes(qName, attrs, "type");
                    if (avpHasData)
                    {
                        throw error("AVP " + avp.name + " has more than one <data>");
                    }
                    avpHasData = true;
                    final String typeName = required(qName, attrs, "type");
                    avp.type = AvpType.fromDictionaryName(typeName);
                    if (null == avp.type)
                    {
                        throw error("unknown data type '" + typeName + "' for AVP " + avp.name);
                    }
                    rules = AvpType.GROUPED == avp.type ? new RawRuleList(file, line()) : null;
                    avp.group = rules;
                    break;

                case "item":
                    expectParent(qName, parent, "data");
                    checkAttributes(qName, attrs, "code", "name");
                    if (AvpType.ENUMERATED != avp.type)
                    {
                        throw error("<item> inside AVP " + avp.name + ", which is " + avp.type.dictionaryName() +
                            ", not Enumerated");
                    }
                    final int value = int32(required(qName, attrs, "code"), "item code");
                    final String itemName = required(qName, attrs, "name");
                    final String previous = avp.items.putIfAbsent(value, itemName);
                    if (null != previous)
                    {
                        throw error("AVP " + avp.name + " lists value " + value + " twice ('" + previous + "', '" + itemName + "')");
                    }
                    break;

                case "extend-avp":
                    expectParent(qName, parent, "dictionary");
                    checkAttributes(qName, attrs, "name", "source");
                    rules = new RawRuleList(file, line());
                    avpExtensions.add(new RawExtendAvp(
                        required(qName, attrs, "name"), required(qName, attrs, "source"), rules, file, line()));
                    break;

                case "extend-command":
                    expectParent(qName, parent, "dictionary");
                    checkAttributes(qName, attrs, "code", "source");
                    commandExtension = new RawExtendCommand(
                        commandCode(required(qName, attrs, "code")), required(qName, attrs, "source"), file, line());
                    commandExtensions.add(commandExtension);
                    break;

                default:
                    throw error("unknown element <" + qName + ">");
            }
            elements.push(qName);
        }

        @Override
        public void endElement(final String uri, final String localName, final String qName)
        {
            elements.pop();
            switch (qName)
            {
                case "avp":
                    if (!avpHasData)
                    {
                        throw error("AVP " + avp.name + " has no <data type=...>");
                    }
                    if (avp.strict && AvpType.ENUMERATED != avp.type)
                    {
                        throw error("strict=\"true\" on AVP " + avp.name + ", which is not Enumerated");
                    }
                    avps.add(avp);
                    avp = null;
                    break;
                case "data":
                case "request":
                case "answer":
                case "extend-avp":
                case "answer-message":
                    rules = null;
                    break;
                case "application":
                    application = null;
                    break;
                case "command":
                    if (null == command.request || null == command.answer)
                    {
                        throw error("command " + command.name + " needs both <request> and <answer>");
                    }
                    command = null;
                    break;
                case "extend-command":
                    commandExtension = null;
                    break;
                default:
                    break;
            }
        }

        @Override
        public void characters(final char[] ch, final int start, final int length)
        {
            for (int i = start; i < start + length; i++)
            {
                if (!Character.isWhitespace(ch[i]))
                {
                    throw error("unexpected text '" + new String(ch, start, length).trim() + "'");
                }
            }
        }

        private RawAvp avp(final Attributes attrs)
        {
            checkAttributes("avp", attrs, "name", "code", "vendor-id", "must", "may", "must-not", "strict", "m-disputed", "source");
            final RawAvp raw = new RawAvp(file, line());
            raw.name = required("avp", attrs, "name");
            raw.code = (int)unsigned32(required("avp", attrs, "code"), "AVP code of " + raw.name);
            final String vendor = attrs.getValue("vendor-id");
            raw.vendorId = null == vendor ? 0 : (int)unsigned32(vendor, "vendor-id of " + raw.name);
            raw.source = required("avp", attrs, "source");
            raw.strict = null != attrs.getValue("strict") && bool(attrs.getValue("strict"), "strict");
            raw.mandatoryBitDisputed = null != attrs.getValue("m-disputed") && bool(attrs.getValue("m-disputed"), "m-disputed");

            final String must = flags(attrs.getValue("must"), raw.name);
            final String may = flags(attrs.getValue("may"), raw.name);
            final String mustNot = flags(attrs.getValue("must-not"), raw.name);
            raw.mandatoryBit = mandatoryRule(raw.name, must, may, mustNot);
            raw.vendorBit = vendorRule(raw, must, may, mustNot);
            return raw;
        }

        private String flags(final String value, final String avpName)
        {
            if (null == value)
            {
                return "";
            }
            final StringBuilder letters = new StringBuilder();
            for (final String part : value.split(","))
            {
                final String letter = part.trim();
                if (letter.isEmpty())
                {
                    continue;
                }
                if (!"M".equals(letter) && !"V".equals(letter) && !"P".equals(letter))
                {
                    throw error("unknown AVP flag '" + letter + "' on AVP " + avpName + " (expected M, V or P)");
                }
                letters.append(letter);
            }
            return letters.toString();
        }

        private FlagRule mandatoryRule(final String avpName, final String must, final String may, final String mustNot)
        {
            final int places = occurs(must, 'M') + occurs(may, 'M') + occurs(mustNot, 'M');
            if (1 != places)
            {
                throw error("AVP " + avpName + " must state the M bit rule exactly once in must, may or must-not" +
                    " (found " + places + ")");
            }
            return must.indexOf('M') >= 0 ? FlagRule.MUST : may.indexOf('M') >= 0 ? FlagRule.MAY : FlagRule.MUST_NOT;
        }

        private FlagRule vendorRule(final RawAvp raw, final String must, final String may, final String mustNot)
        {
            // RFC 6733 §4.1: the V bit says whether a Vendor-ID field is present, so it follows from vendor-id.
            if (may.indexOf('V') >= 0)
            {
                throw error("AVP " + raw.name + ": the V bit cannot be MAY, it follows from vendor-id");
            }
            if (0 != raw.vendorId)
            {
                if (must.indexOf('V') < 0 || mustNot.indexOf('V') >= 0)
                {
                    throw error("AVP " + raw.name + " has vendor-id " + Integer.toUnsignedString(raw.vendorId) +
                        " so V must be listed in must");
                }
                return FlagRule.MUST;
            }
            if (mustNot.indexOf('V') < 0 || must.indexOf('V') >= 0)
            {
                throw error("AVP " + raw.name + " has no vendor-id so V must be listed in must-not");
            }
            return FlagRule.MUST_NOT;
        }

        private RawRule rule(final Attributes attrs)
        {
            checkAttributes("rule", attrs, "avp", "required", "min", "max", "position", "source");
            final String name = required("rule", attrs, "avp");
            final String requiredValue = attrs.getValue("required");
            final boolean isRequired = null != requiredValue && bool(requiredValue, "required");
            final String minValue = attrs.getValue("min");
            final String maxValue = attrs.getValue("max");
            int min = isRequired ? 1 : 0;
            if (null != minValue)
            {
                min = count(minValue, "min");
                if (null != requiredValue && isRequired != min > 0)
                {
                    throw error("rule for " + name + ": required=\"" + requiredValue + "\" contradicts min=\"" + minValue + "\"");
                }
            }
            final int max = null == maxValue ? AvpRule.UNBOUNDED : count(maxValue, "max");
            if (min > max)
            {
                throw error("rule for " + name + ": min " + min + " exceeds max " + max);
            }
            final String position = attrs.getValue("position");
            if (null != position && !"first".equals(position))
            {
                throw error("rule for " + name + ": position must be \"first\", not \"" + position + "\"");
            }
            return new RawRule(name, min, max, null != position, attrs.getValue("source"), file, line());
        }

        private void expectParent(final String element, final String parent, final String... allowed)
        {
            for (final String candidate : allowed)
            {
                if (null == candidate ? null == parent : candidate.equals(parent))
                {
                    return;
                }
            }
            throw error("<" + element + "> is not allowed " + (null == parent ? "at the top" : "inside <" + parent + ">"));
        }

        private void checkAttributes(final String element, final Attributes attrs, final String... allowed)
        {
            outer:
            for (int i = 0; i < attrs.getLength(); i++)
            {
                final String name = attrs.getQName(i);
                for (final String candidate : allowed)
                {
                    if (candidate.equals(name))
                    {
                        continue outer;
                    }
                }
                throw error("unknown attribute '" + name + "' on <" + element + ">");
            }
        }

        private String required(final String element, final Attributes attrs, final String name)
        {
            final String value = attrs.getValue(name);
            if (null == value || value.isBlank())
            {
                throw error("<" + element + "> needs a " + name + " attribute");
            }
            return value;
        }

        private long unsigned32(final String value, final String what)
        {
            try
            {
                final long parsed = Long.parseLong(value.trim());
                if (parsed < 0 || parsed > MAX_UNSIGNED32)
                {
                    throw error(what + " " + value + " is outside 0.." + MAX_UNSIGNED32);
                }
                return parsed;
            }
            catch (final NumberFormatException ex)
            {
                throw error(what + " '" + value + "' is not a number");
            }
        }

        private int commandCode(final String value)
        {
            final long code = unsigned32(value, "command code");
            if (code > MAX_COMMAND_CODE)
            {
                throw error("command code " + code + " does not fit the 24-bit field");
            }
            return (int)code;
        }

        private int int32(final String value, final String what)
        {
            try
            {
                return Integer.parseInt(value.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw error(what + " '" + value + "' is not a 32-bit integer");
            }
        }

        private int count(final String value, final String what)
        {
            final int parsed = int32(value, what);
            if (parsed < 0)
            {
                throw error(what + " must not be negative: " + value);
            }
            return parsed;
        }

        private boolean bool(final String value, final String what)
        {
            if ("true".equals(value))
            {
                return true;
            }
            if ("false".equals(value))
            {
                return false;
            }
            throw error(what + " must be \"true\" or \"false\", not \"" + value + "\"");
        }
    }

    private static int occurs(final String letters, final char letter)
    {
        return letters.indexOf(letter) >= 0 ? 1 : 0;
    }

    // ----------------------------------------------------------------------------------------------------
    // Pass 2: cross-file checks, extensions, name resolution.

    private DiameterDictionary build()
    {
        final Map<Long, RawAvp> avpByKey = new HashMap<>();
        final Map<String, RawAvp> avpByName = new HashMap<>();
        for (final RawAvp raw : avps)
        {
            final RawAvp sameKey = avpByKey.putIfAbsent(AvpDefinition.key(raw.vendorId, raw.code), raw);
            if (null != sameKey)
            {
                throw new DiameterDictionaryException(raw.file, raw.line, "duplicate AVP (vendor " +
                    Integer.toUnsignedString(raw.vendorId) + ", code " + Integer.toUnsignedString(raw.code) + "): " +
                    raw.name + " and " + sameKey.name + " (" + sameKey.file + ":" + sameKey.line + ")");
            }
            final RawAvp sameName = avpByName.putIfAbsent(raw.name, raw);
            if (null != sameName)
            {
                throw new DiameterDictionaryException(raw.file, raw.line, "duplicate AVP name " + raw.name +
                    " (also at " + sameName.file + ":" + sameName.line + ")");
            }
        }

        final Map<Long, RawApplication> applicationById = new LinkedHashMap<>();
        for (final RawApplication raw : applications)
        {
            final RawApplication same = applicationById.putIfAbsent(raw.id, raw);
            if (null != same)
            {
                throw new DiameterDictionaryException(raw.file, raw.line, "application " + raw.id +
                    " defined twice (also at " + same.file + ":" + same.line + ")");
            }
        }

        final Map<Integer, RawCommand> commandByCode = new LinkedHashMap<>();
        for (final RawCommand raw : commands)
        {
            final RawCommand same = commandByCode.putIfAbsent(raw.code, raw);
            if (null != same)
            {
                throw new DiameterDictionaryException(raw.file, raw.line, "command " + raw.code +
                    " defined twice (also at " + same.file + ":" + same.line + ")");
            }
        }

        applyExtensions(avpByName, commandByCode);

        final Map<String, AvpDefinition> definitionByName = new LinkedHashMap<>();
        for (final RawAvp raw : avps)
        {
            definitionByName.put(raw.name, new AvpDefinition(
                raw.name, raw.code, raw.vendorId, raw.type, raw.mandatoryBit, raw.vendorBit, raw.mandatoryBitDisputed,
                raw.strict, raw.items, raw.source));
        }
        for (final RawAvp raw : avps)
        {
            if (null != raw.group)
            {
                final String extendedBy = raw.extendedBy.isEmpty() ? null : String.join("; ", raw.extendedBy);
                definitionByName.get(raw.name).initGroup(resolve(raw.group, raw.source, definitionByName), raw.group.any, extendedBy);
            }
        }

        final List<CommandDefinition> commandDefinitions = new ArrayList<>();
        for (final RawCommand raw : commandByCode.values())
        {
            final String source = raw.extendedBy.isEmpty() ? raw.source :
                raw.source + "; extended by " + String.join("; ", raw.extendedBy);
            commandDefinitions.add(new CommandDefinition(
                raw.code, raw.applicationId, raw.name, raw.shortName, raw.proxiable,
                resolve(raw.request, raw.source, definitionByName), raw.request.any,
                resolve(raw.answer, raw.source, definitionByName), raw.answer.any,
                source));
        }

        final Map<Long, String> applicationNames = new LinkedHashMap<>();
        applicationById.forEach((id, raw) -> applicationNames.put(id, raw.name));

        final Map<Integer, String> resultCodeNames = new LinkedHashMap<>();
        for (final RawResultCode raw : resultCodes)
        {
            final String same = resultCodeNames.putIfAbsent(raw.code, raw.name);
            if (null != same)
            {
                throw new DiameterDictionaryException(raw.file, raw.line, "result code " + raw.code +
                    " defined twice (" + same + ", " + raw.name + ")");
            }
        }

        final List<AvpRule> errorAnswerRules = null == errorAnswer ? List.of() :
            resolve(errorAnswer, errorAnswerSource, definitionByName);
        return new DiameterDictionary(
            List.copyOf(definitionByName.values()),
            commandDefinitions,
            applicationNames,
            resultCodeNames,
            errorAnswerRules,
            null != errorAnswer && errorAnswer.any,
            errorAnswerSource);
    }

    private void applyExtensions(final Map<String, RawAvp> avpByName, final Map<Integer, RawCommand> commandByCode)
    {
        for (final RawExtendAvp extension : avpExtensions)
        {
            final RawAvp target = avpByName.get(extension.name);
            if (null == target)
            {
                throw new DiameterDictionaryException(extension.file, extension.line,
                    "<extend-avp> names unknown AVP " + extension.name);
            }
            if (null == target.group)
            {
                throw new DiameterDictionaryException(extension.file, extension.line,
                    "<extend-avp> names " + extension.name + ", which is not Grouped");
            }
            for (final RawRule rule : extension.rules.rules)
            {
                target.group.rules.add(rule.withDefaultSource(extension.source));
            }
            target.extendedBy.add(extension.source);
        }
        for (final RawExtendCommand extension : commandExtensions)
        {
            final RawCommand target = commandByCode.get(extension.code);
            if (null == target)
            {
                throw new DiameterDictionaryException(extension.file, extension.line,
                    "<extend-command> names unknown command " + extension.code);
            }
            if (null != extension.request)
            {
                for (final RawRule rule : extension.request.rules)
                {
                    target.request.rules.add(rule.withDefaultSource(extension.source));
                }
            }
            if (null != extension.answer)
            {
                for (final RawRule rule : extension.answer.rules)
                {
                    target.answer.rules.add(rule.withDefaultSource(extension.source));
                }
            }
            target.extendedBy.add(extension.source);
        }
    }

    private static List<AvpRule> resolve(
        final RawRuleList list, final String defaultSource, final Map<String, AvpDefinition> definitionByName)
    {
        final List<AvpRule> resolved = new ArrayList<>(list.rules.size());
        final Set<String> seen = new HashSet<>();
        for (final RawRule raw : list.rules)
        {
            final AvpDefinition avp = definitionByName.get(raw.avp);
            if (null == avp)
            {
                throw new DiameterDictionaryException(raw.file, raw.line, "rule refers to unknown AVP " + raw.avp);
            }
            if (!seen.add(raw.avp))
            {
                throw new DiameterDictionaryException(raw.file, raw.line, "AVP " + raw.avp + " has two rules in one grammar");
            }
            if (raw.fixedFirst && !resolved.isEmpty())
            {
                throw new DiameterDictionaryException(raw.file, raw.line,
                    "position=\"first\" on " + raw.avp + ", which is not the first rule");
            }
            resolved.add(new AvpRule(avp, raw.min, raw.max, raw.fixedFirst, resolved.size(),
                null == raw.source ? defaultSource : raw.source));
        }
        return resolved;
    }

    // ----------------------------------------------------------------------------------------------------
    // Raw records of pass 1.

    private static final class RawRule
    {
        final String avp;
        final int min;
        final int max;
        final boolean fixedFirst;
        final String source;
        final String file;
        final int line;

        RawRule(final String avp, final int min, final int max, final boolean fixedFirst, final String source,
            final String file, final int line)
        {
            this.avp = avp;
            this.min = min;
            this.max = max;
            this.fixedFirst = fixedFirst;
            this.source = source;
            this.file = file;
            this.line = line;
        }

        RawRule withDefaultSource(final String defaultSource)
        {
            return null != source ? this : new RawRule(avp, min, max, fixedFirst, defaultSource, file, line);
        }
    }

    private static final class RawRuleList
    {
        final List<RawRule> rules = new ArrayList<>();
        final String file;
        final int line;
        boolean any;

        RawRuleList(final String file, final int line)
        {
            this.file = file;
            this.line = line;
        }
    }

    private static final class RawAvp
    {
        final String file;
        final int line;
        final Map<Integer, String> items = new LinkedHashMap<>();
        final List<String> extendedBy = new ArrayList<>();
        String name;
        int code;
        int vendorId;
        AvpType type;
        FlagRule mandatoryBit;
        FlagRule vendorBit;
        boolean mandatoryBitDisputed;
        boolean strict;
        String source;
        RawRuleList group;

        RawAvp(final String file, final int line)
        {
            this.file = file;
            this.line = line;
        }
    }

    private static final class RawApplication
    {
        final long id;
        final String name;
        final String file;
        final int line;

        RawApplication(final long id, final String name, final String file, final int line)
        {
            this.id = id;
            this.name = name;
            this.file = file;
            this.line = line;
        }
    }

    private static final class RawCommand
    {
        final int code;
        final long applicationId;
        final String name;
        final String shortName;
        final boolean proxiable;
        final String source;
        final String file;
        final int line;
        final List<String> extendedBy = new ArrayList<>();
        RawRuleList request;
        RawRuleList answer;

        RawCommand(final int code, final long applicationId, final String name, final String shortName,
            final boolean proxiable, final String source, final String file, final int line)
        {
            this.code = code;
            this.applicationId = applicationId;
            this.name = name;
            this.shortName = shortName;
            this.proxiable = proxiable;
            this.source = source;
            this.file = file;
            this.line = line;
        }

        void setRules(final String which, final RawRuleList list, final Handler handler)
        {
            if ("request".equals(which))
            {
                if (null != request)
                {
                    throw handler.error("command " + name + " has two <request> elements");
                }
                request = list;
            }
            else
            {
                if (null != answer)
                {
                    throw handler.error("command " + name + " has two <answer> elements");
                }
                answer = list;
            }
        }
    }

    private static final class RawExtendAvp
    {
        final String name;
        final String source;
        final RawRuleList rules;
        final String file;
        final int line;

        RawExtendAvp(final String name, final String source, final RawRuleList rules, final String file, final int line)
        {
            this.name = name;
            this.source = source;
            this.rules = rules;
            this.file = file;
            this.line = line;
        }
    }

    private static final class RawExtendCommand
    {
        final int code;
        final String source;
        final String file;
        final int line;
        RawRuleList request;
        RawRuleList answer;

        RawExtendCommand(final int code, final String source, final String file, final int line)
        {
            this.code = code;
            this.source = source;
            this.file = file;
            this.line = line;
        }

        void setRules(final String which, final RawRuleList list, final Handler handler)
        {
            if ("request".equals(which))
            {
                if (null != request)
                {
                    throw handler.error("<extend-command> " + code + " has two <request> elements");
                }
                request = list;
            }
            else
            {
                if (null != answer)
                {
                    throw handler.error("<extend-command> " + code + " has two <answer> elements");
                }
                answer = list;
            }
        }
    }

    private static final class RawResultCode
    {
        final int code;
        final String name;
        final String source;
        final String file;
        final int line;

        RawResultCode(final int code, final String name, final String source, final String file, final int line)
        {
            this.code = code;
            this.name = name;
            this.source = source;
            this.file = file;
            this.line = line;
        }
    }
}
