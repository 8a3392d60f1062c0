package io.gyro.perf.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: the same {@code java}, the same module flags as the {@code ./gyro} launcher and
 * the parent pom's {@code jvm.chronicle.args}, and the class path of this JVM, so the server runs exactly as
 * {@code ./gyro run} would start it.
 */
public final class JavaCommand
{
    /**
     * Flags Chronicle Queue, Agrona and Netty need on JDK 17+ (DEPENDENCIES.md §5, kept equal to {@code ./gyro}),
     * plus Netty's leak detection off: it is {@code paranoid} in tests and would dominate a load run.
     */
    static final List<String> JVM_FLAGS = List.of(
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.announcer.disable=true",
        "-Dio.netty.leakDetection.level=disabled",
        // The perf module's simplelogger.properties (WARN, for JMH) is on the class path; the server's start-up line
        // at INFO is how the load run knows it is listening.
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-Dorg.slf4j.simpleLogger.log.net.openhft=warn",
        "-Dorg.slf4j.simpleLogger.showDateTime=true");
    /** JDK 23+ warns about sun.misc.Unsafe memory access unless allowed; JDK 17 refuses the flag (DEPENDENCIES.md §10). */
    static final String UNSAFE_MEMORY_ACCESS_FLAG = "--sun-misc-unsafe-memory-access=allow";
    /** First JDK feature release that knows {@link #UNSAFE_MEMORY_ACCESS_FLAG}. */
    static final int UNSAFE_MEMORY_ACCESS_SINCE = 23;

    private JavaCommand()
    {
    }

    /** @return the {@code java} launcher of the running JVM. */
    public static Path javaExecutable()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * @param tool a JDK tool such as {@code jcmd}.
     * @return its path beside the running {@code java}.
     */
    public static Path jdkTool(final String tool)
    {
        return Path.of(System.getProperty("java.home"), "bin", tool);
    }

    /** @return the module and system-property flags every child JVM gets (heap and extras are added by the caller). */
    public static List<String> jvmFlags()
    {
        final List<String> flags = new ArrayList<>(JVM_FLAGS);
        if (Runtime.version().feature() >= UNSAFE_MEMORY_ACCESS_SINCE)
        {
            flags.add(UNSAFE_MEMORY_ACCESS_FLAG);
        }
        return flags;
    }

    /**
     * @param classPath  class path of the child.
     * @param heap       {@code -Xms}/{@code -Xmx} value, e.g. {@code 2g}.
     * @param extraFlags more JVM flags (system properties, diagnostics).
     * @param mainClass  class to run.
     * @param arguments  its arguments.
     * @return the whole command line.
     */
    public static List<String> command(
        final String classPath,
        final String heap,
        final List<String> extraFlags,
        final String mainClass,
        final List<String> arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmFlags());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }
}
