package io.gyro.protocol.diameter.dictionary;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The Diameter dictionary Gyro runs with: AVP definitions, command grammars, applications and Result-Code
 * names, loaded from XML files that cite their sources (RFC 6733, RFC 4006/8506, 3GPP TS 32.299 and the
 * specifications it reuses).
 * <p>
 * Built once at start-up ({@link #standard()} or {@link #load(List)}) and immutable afterwards, so one
 * instance is shared by every event loop. The lookups a decoder makes per AVP or per message
 * ({@link #avp(int, int)}, {@link #command(int)}, {@link #isApplicationKnown(long)}) are primitive-keyed Agrona
 * map reads that allocate nothing.
 */
public final class DiameterDictionary
{
    /** Classpath folder of the standard dictionary files. */
    public static final String STANDARD_RESOURCE_FOLDER = "/io/gyro/protocol/diameter/dictionary/";
    /** The standard files in load order: the 3GPP file extends entries of the first two. */
    public static final List<String> STANDARD_FILE_NAMES =
        List.of("base-rfc6733.xml", "dcca-rfc4006.xml", "3gpp-ts32299.xml");

    private final List<AvpDefinition> avps;
    private final Long2ObjectHashMap<AvpDefinition> avpByKey = new Long2ObjectHashMap<>();
    private final Map<String, AvpDefinition> avpByName = new HashMap<>();
    private final List<CommandDefinition> commands;
    private final Int2ObjectHashMap<CommandDefinition> commandByCode = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<String> applicationNameById = new Long2ObjectHashMap<>();
    private final Map<Long, String> applications;
    private final Int2ObjectHashMap<String> resultCodeNameByCode = new Int2ObjectHashMap<>();
    private final Map<Integer, String> resultCodeNames;
    private final List<AvpRule> errorAnswerRules;
    private final boolean errorAnswerAllowsAnyAvp;
    private final String errorAnswerSource;

    DiameterDictionary(
        final List<AvpDefinition> avps,
        final List<CommandDefinition> commands,
        final Map<Long, String> applications,
        final Map<Integer, String> resultCodeNames,
        final List<AvpRule> errorAnswerRules,
        final boolean errorAnswerAllowsAnyAvp,
        final String errorAnswerSource)
    {
        this.avps = List.copyOf(avps);
        for (final AvpDefinition avp : avps)
        {
            avpByKey.put(avp.key(), avp);
            avpByName.put(avp.name(), avp);
        }
        this.commands = List.copyOf(commands);
        for (final CommandDefinition command : commands)
        {
            commandByCode.put(command.code(), command);
        }
        this.applications = Collections.unmodifiableMap(new LinkedHashMap<>(applications));
        applications.forEach(applicationNameById::put);
        this.resultCodeNames = Collections.unmodifiableMap(new LinkedHashMap<>(resultCodeNames));
        resultCodeNames.forEach(resultCodeNameByCode::put);
        this.errorAnswerRules = List.copyOf(errorAnswerRules);
        this.errorAnswerAllowsAnyAvp = errorAnswerAllowsAnyAvp;
        this.errorAnswerSource = errorAnswerSource;
    }

    /**
     * The dictionary of the three standard files ({@link #STANDARD_FILE_NAMES}), loaded on first use and
     * shared afterwards.
     *
     * @return the standard dictionary
     * @throws DiameterDictionaryException if a bundled file is broken (a build defect, caught by the tests)
     */
    public static DiameterDictionary standard()
    {
        return StandardHolder.INSTANCE;
    }

    /**
     * Locations of the standard files on the classpath, for callers that load them together with files of
     * their own.
     *
     * @return the URLs in load order
     * @throws IllegalStateException if a file is missing from the classpath
     */
    public static List<URL> standardFiles()
    {
        final List<URL> urls = new ArrayList<>(STANDARD_FILE_NAMES.size());
        for (final String name : STANDARD_FILE_NAMES)
        {
            final URL url = DiameterDictionary.class.getResource(STANDARD_RESOURCE_FOLDER + name);
            if (null == url)
            {
                throw new IllegalStateException("dictionary file missing from the classpath: " + STANDARD_RESOURCE_FOLDER + name);
            }
            urls.add(url);
        }
        return urls;
    }

    /**
     * Loads and cross-checks dictionary files with the JDK XML parser. Later files may extend grammars of
     * earlier ones ({@code <extend-avp>}, {@code <extend-command>}); names are resolved across all files.
     *
     * @param files the files, in load order
     * @return the dictionary
     * @throws DiameterDictionaryException naming the file, line and problem: malformed XML, unknown element or
     *                                     attribute, unknown data type, a rule naming an undefined AVP, a second
     *                                     AVP with the same (vendor, code) or name, and similar
     */
    public static DiameterDictionary load(final List<URL> files)
    {
        return new DictionaryLoader().load(files);
    }

    /**
     * Allocation-free lookup by header fields.
     *
     * @param vendorId Vendor-ID from the AVP header, 0 when the V bit is clear
     * @param code     AVP Code
     * @return the definition, or null when the dictionary does not know the AVP
     */
    public AvpDefinition avp(final int vendorId, final int code)
    {
        return avpByKey.get(AvpDefinition.key(vendorId, code));
    }

    /**
     * Lookup by name, for configuration and tests (not for the hot path).
     *
     * @param name the AVP name as the defining document spells it, e.g. "Multiple-Services-Credit-Control"
     * @return the definition, or null when unknown
     */
    public AvpDefinition avp(final String name)
    {
        return avpByName.get(name);
    }

    /**
     * Allocation-free lookup by Command Code.
     *
     * @param code the 24-bit Command Code from the header
     * @return the definition, or null when unknown (answer 3001 DIAMETER_COMMAND_UNSUPPORTED)
     */
    public CommandDefinition command(final int code)
    {
        return commandByCode.get(code);
    }

    /**
     * Whether the dictionary defines an application. Relay (0xFFFFFFFF) is a header value, not an application
     * with commands, and is not included.
     *
     * @param id Application-ID from the header or an Auth-/Acct-Application-Id AVP
     * @return true for 0 (common messages), 3 (base accounting) and 4 (credit control)
     */
    public boolean isApplicationKnown(final long id)
    {
        return applicationNameById.containsKey(id);
    }

    /**
     * @param id Application-ID
     * @return the application's name, or null when unknown
     */
    public String applicationName(final long id)
    {
        return applicationNameById.get(id);
    }

    /**
     * @return every application id and name, in file order (read-only)
     */
    public Map<Long, String> applications()
    {
        return applications;
    }

    /**
     * @return every AVP definition, in file order (read-only)
     */
    public Collection<AvpDefinition> avps()
    {
        return avps;
    }

    /**
     * @return every command definition, in file order (read-only)
     */
    public Collection<CommandDefinition> commands()
    {
        return commands;
    }

    /**
     * The grammar of an answer with the 'E' bit set (RFC 6733 §7.2): it replaces the command's own answer CCF.
     *
     * @return the rules in grammar order; empty when no loaded file defines {@code <answer-message>}
     */
    public List<AvpRule> errorAnswerRules()
    {
        return errorAnswerRules;
    }

    /**
     * @return true when the error-answer grammar ends with {@code *[AVP]}
     */
    public boolean errorAnswerAllowsAnyAvp()
    {
        return errorAnswerAllowsAnyAvp;
    }

    /**
     * @return the section defining the error-answer grammar, or null when none was loaded
     */
    public String errorAnswerSource()
    {
        return errorAnswerSource;
    }

    /**
     * Allocation-free name of a Result-Code value.
     *
     * @param code the Result-Code value
     * @return the name its RFC gives it (e.g. "DIAMETER_SUCCESS", "ELECTION_LOST"), or null when unknown
     */
    public String resultCodeName(final int code)
    {
        return resultCodeNameByCode.get(code);
    }

    /**
     * @return every Result-Code value the loaded files name, in file order (read-only)
     */
    public Map<Integer, String> resultCodeNames()
    {
        return resultCodeNames;
    }

    private static final class StandardHolder
    {
        static final DiameterDictionary INSTANCE = load(standardFiles());
    }
}
