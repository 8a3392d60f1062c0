package io.gyro.config;

import io.gyro.config.model.GyroConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads the configuration. Sources, highest precedence first:
 * <ol>
 *     <li>command-line overrides, {@code diameter.port=3869} (what the server's {@code --set} passes on);</li>
 *     <li>environment variables, {@code GYRO_DIAMETER_PORT=3869} ({@link ConfigKey#environmentVariable(String)});</li>
 *     <li>the YAML file;</li>
 *     <li>the defaults of the registry ({@link ConfigurationKeys}).</li>
 * </ol>
 * Keys inside lists are addressed by index in overrides: {@code radius.clients[0].secret=s3cret} or
 * {@code GYRO_RADIUS_CLIENTS_0_SECRET}. Lists of plain values are comma-separated there:
 * {@code diameter.served-realms=a.net,b.net}. An empty override value means "not set" (the default applies).
 * <p>
 * Every problem — unknown keys, bad values, broken cross-key rules — is collected and thrown as one
 * {@link ConfigurationException}; the server then refuses to start. Thread safe: no state.
 */
public final class ConfigurationLoader
{
    /** Class-path location of the bundled {@code config/gyro.yaml}. */
    public static final String BUNDLED_RESOURCE = "/io/gyro/config/gyro.yaml";
    /** How the bundled file is named in messages. */
    public static final String BUNDLED_NAME = "gyro.yaml (bundled)";

    private ConfigurationLoader()
    {
    }

    /**
     * @param yamlFile             the configuration file (UTF-8).
     * @param environment          the process environment, or a map standing for it in tests; only
     *                             {@code GYRO_*} variables that name a key are read.
     * @param commandLineOverrides {@code key.path=value} pairs, later ones winning.
     * @return the validated configuration.
     * @throws ConfigurationException listing every problem, including an unreadable file.
     */
    public static GyroConfiguration load(
        final Path yamlFile, final Map<String, String> environment, final List<String> commandLineOverrides)
    {
        final String text;
        try
        {
            text = Files.readString(yamlFile, StandardCharsets.UTF_8);
        }
        catch (final CharacterCodingException ex)
        {
            throw fileProblem(yamlFile.toString(), "not UTF-8 text");
        }
        catch (final IOException ex)
        {
            throw fileProblem(yamlFile.toString(), "cannot be read: " + ex);
        }
        return fromYaml(text, yamlFile.toString(), environment, commandLineOverrides);
    }

    /**
     * Loads the bundled default configuration ({@code config/gyro.yaml}, packaged in this module's jar) with
     * overrides: what a server started without a configuration file runs on.
     *
     * @param environment          as for {@link #load(Path, Map, List)}.
     * @param commandLineOverrides as for {@link #load(Path, Map, List)}.
     * @return the validated configuration.
     * @throws ConfigurationException listing every problem.
     */
    public static GyroConfiguration loadBundled(
        final Map<String, String> environment, final List<String> commandLineOverrides)
    {
        return fromYaml(bundledYaml(), BUNDLED_NAME, environment, commandLineOverrides);
    }

    /** @return the bundled {@code gyro.yaml} without overrides. */
    public static GyroConfiguration bundled()
    {
        return loadBundled(Map.of(), List.of());
    }

    /** @return the text of the bundled {@code gyro.yaml}. */
    public static String bundledYaml()
    {
        try (InputStream in = ConfigurationLoader.class.getResourceAsStream(BUNDLED_RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + BUNDLED_RESOURCE, ex);
        }
    }

    /**
     * Every key at its registry default: no file, no overrides. Note that the admin API is off by default
     * (it needs a token of your own) and there are no tariffs, so every rating group is answered 5031 until
     * tariffs are configured.
     *
     * @return the default configuration.
     */
    public static GyroConfiguration defaults()
    {
        return fromYaml("", "defaults", Map.of(), List.of());
    }

    /**
     * @param yaml                 the configuration text.
     * @param sourceName           how the text is named in messages, e.g. its file name.
     * @param environment          as for {@link #load(Path, Map, List)}.
     * @param commandLineOverrides as for {@link #load(Path, Map, List)}.
     * @return the validated configuration.
     * @throws ConfigurationException listing every problem.
     */
    public static GyroConfiguration fromYaml(
        final String yaml,
        final String sourceName,
        final Map<String, String> environment,
        final List<String> commandLineOverrides)
    {
        final Problems problems = new Problems();
        final ConfigTree.Mapping root = ConfigTree.parse(yaml, sourceName, problems);
        if (null == root)
        {
            throw new ConfigurationException(problems.list());
        }
        Overrides.materializeEntryDefaults(root);
        Overrides.applyEnvironment(root, environment, problems);
        Overrides.applyCommandLine(root, commandLineOverrides, problems);
        KeyCheck.check(root, problems);
        final GyroConfiguration configuration = new ModelBuilder(root, problems).build();
        if (!problems.isEmpty())
        {
            throw new ConfigurationException(problems.list());
        }
        return configuration;
    }

    private static ConfigurationException fileProblem(final String file, final String detail)
    {
        return new ConfigurationException(List.of(
            new ConfigurationProblem("", ConfigurationProblem.Kind.MALFORMED, null, detail, file)));
    }
}
