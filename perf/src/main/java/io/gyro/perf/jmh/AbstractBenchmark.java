package io.gyro.perf.jmh;

import org.openjdk.jmh.annotations.Fork;

/**
 * Shared JMH settings of every Gyro benchmark (Netty's AbstractMicrobenchmarkBase): one fork with the JVM flags
 * Chronicle Queue and Agrona need (DEPENDENCIES.md §5; {@code -jvmArgsAppend} on the command line would replace
 * this list), a fixed heap, and Netty's leak detection off (it is paranoid in tests). Bounds checks stay on, as in
 * production.
 */
@Fork(value = 1, jvmArgsAppend = {
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
    "-Xms3g",
    "-Xmx3g"})
public abstract class AbstractBenchmark
{
}
