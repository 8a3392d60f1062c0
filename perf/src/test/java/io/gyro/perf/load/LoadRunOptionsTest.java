package io.gyro.perf.load;

import io.gyro.simulator.Mode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadRunOptionsTest
{
    @Test
    void shouldDefaultToTheStandardShapeAndALadderThatLandsOnTheTargetRates()
    {
        final LoadRunOptions options = LoadRunOptions.parse(new String[]{"bench"});
        assertEquals(List.of(12_500L, 17_700L, 25_000L, 35_400L, 50_000L, 70_700L, 100_000L, 141_400L, 200_000L, 282_800L,
            400_000L), options.ladder());
        assertEquals(10_000, options.sessions());
        assertEquals(4, options.connections());
        assertEquals(2, options.updates());
        assertEquals("none", options.journalSync());
        assertEquals(Mode.DIAMETER, options.mode());
        assertTrue(options.batch());
        assertTrue(options.ceiling());
        assertTrue(options.confirm());
        assertEquals(12_500, options.warmupRate());
        assertTrue(options.output().startsWith(Path.of("perf", "target", "perf")));
    }

    @Test
    void shouldLetExplicitOptionsWinOverQuickPresetsWhereverTheyStand()
    {
        final LoadRunOptions options = LoadRunOptions.parse(new String[]{"--sessions", "100", "--quick",
            "--rates", "300,600", "--no-batch"});
        assertTrue(options.isQuick());
        assertEquals(100, options.sessions());
        assertEquals(2, options.connections());
        assertEquals(List.of(300L, 600L), options.ladder());
        assertEquals(Duration.ZERO, options.warmup());
        assertFalse(options.batch());
        assertFalse(options.confirm());
    }

    @Test
    void shouldSkipTheBatchPassWhenTheMainPassIsBatchAlready()
    {
        assertFalse(LoadRunOptions.parse(new String[]{"--journal-sync", "batch"}).batch());
    }

    @Test
    void shouldBuildTheLadderFromStartFactorAndMaximum()
    {
        final LoadRunOptions options = LoadRunOptions.parse(new String[]{"--start-rate", "1000", "--step-factor", "2",
            "--max-rate", "9000", "--set", "ledger.ring-size=16384"});
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L), options.ladder());
        assertEquals(List.of("ledger.ring-size=16384"), options.serverOverrides());
    }

    @Test
    void shouldRefuseBadOptionsNamingThem()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadRunOptions.parse(new String[]{"--rates", "0"}))
            .getMessage().contains("--rates"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> LoadRunOptions.parse(new String[]{"--journal-sync", "always"})).getMessage().contains("--journal-sync"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> LoadRunOptions.parse(new String[]{"--step-factor", "1"})).getMessage().contains("above 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadRunOptions.parse(new String[]{"--frobnicate"}))
            .getMessage().contains("--frobnicate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoadRunOptions.parse(new String[]{"--warmup"}))
            .getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> LoadRunOptions.parse(new String[]{"--sessions", "2", "--connections", "4"})).getMessage().contains("--sessions"));
    }

    @Test
    void shouldAnswerHelpAndBadOptionsWithTheirExitStatus()
    {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream outStream = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        final java.io.PrintStream errStream = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(LoadRun.EXIT_OK, LoadRun.run(new String[]{"--help"}, outStream, errStream));
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("--step-duration"));
        assertEquals(LoadRun.EXIT_USAGE, LoadRun.run(new String[]{"--mode", "smtp"}, outStream, errStream));
        assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains("--mode must be diameter or radius"));
    }
}
