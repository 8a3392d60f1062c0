package io.gyro.config;

import java.util.List;

/**
 * The configuration cannot be used: thrown once, after every problem was collected, so an operator fixes
 * the file in one pass. The server refuses to start on it.
 */
public final class ConfigurationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigurationProblem> problems;

    /**
     * @param problems everything found wrong; not empty.
     */
    public ConfigurationException(final List<ConfigurationProblem> problems)
    {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, in the order found. */
    public List<ConfigurationProblem> problems()
    {
        return problems;
    }

    private static String describe(final List<ConfigurationProblem> problems)
    {
        final StringBuilder text = new StringBuilder("invalid configuration (")
            .append(problems.size()).append(1 == problems.size() ? " problem):" : " problems):");
        for (final ConfigurationProblem problem : problems)
        {
            text.append("\n  ").append(problem.message());
        }
        return text.toString();
    }
}
