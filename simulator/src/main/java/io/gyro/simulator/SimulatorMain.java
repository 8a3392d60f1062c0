package io.gyro.simulator;

import java.io.PrintStream;

/**
 * Command-line entry point: {@code gyro simulate [options]} (see {@link SimulatorOptions#help()} and
 * {@code simulator/README.md}). Exit status: 0 clean run, 1 verification failed or answers lost, 2 bad options,
 * 3 the run could not take place.
 */
public final class SimulatorMain
{
    private SimulatorMain()
    {
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args command line.
     * @param out  report stream.
     * @param err  progress and error stream.
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        for (final String arg : args)
        {
            if ("--help".equals(arg) || "-h".equals(arg))
            {
                out.println(SimulatorOptions.help());
                return SimulatorRunner.EXIT_OK;
            }
        }
        final SimulatorOptions options;
        try
        {
            options = SimulatorOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("gyro simulate: " + ex.getMessage());
            err.println("try gyro simulate --help");
            return SimulatorRunner.EXIT_USAGE;
        }
        return new SimulatorRunner(options, out, err).run().exitCode();
    }
}
