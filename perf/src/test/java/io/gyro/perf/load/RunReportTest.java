package io.gyro.perf.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunReportTest
{
    private static StepResult phase(final String phase, final StepResult step)
    {
        return new StepResult(phase, step.offeredRate(), step.achievedRate(), step.sent(), step.answered(), step.p50Ns(),
            step.p99Ns(), step.p999Ns(), step.maxNs(), step.windowNs(), step.allAchievedRate(), step.allP99Ns(),
            step.allMaxNs(), step.errors(), step.wallNs(), step.serverCpuNs(),
            step.simulatorCpuNs(), step.maxSendLagNs(), step.perTypeAnswered(), step.reportDir(), step.failure(), step.attempt());
    }

    @Test
    void shouldQuoteCsvFieldsOnlyWhenTheyNeedIt()
    {
        assertEquals("plain; text", RunReport.csv("plain; text"));
        assertEquals("\"a, b\"", RunReport.csv("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", RunReport.csv("say \"hi\""));
    }

    @Test
    void shouldConcludeRatiosBatchCostAndTargetsFromTheSteps(@TempDir final Path directory) throws IOException
    {
        final LoadRunOptions options = LoadRunOptions.parse(new String[]{"--output", directory.toString()});
        final List<StepResult> steps = List.of(
            StopRuleTest.step(25_000, 25_000, 0.5),
            StopRuleTest.step(50_000, 49_800, 0.9),
            StopRuleTest.step(70_700, 70_000, 4.0),
            StopRuleTest.step(100_000, 80_000, 40.0),
            phase(StepResult.CEILING, StopRuleTest.step(100_000, 100_000, 0.8)),
            phase(StepResult.CEILING, StopRuleTest.step(141_400, 140_000, 2.0)),
            phase(StepResult.CEILING, StopRuleTest.step(200_000, 150_000, 30.0)),
            phase(StepResult.BATCH, StopRuleTest.step(50_000, 49_700, 1.4)));
        final RunReport report = new RunReport(options, RunInfo.collect(), "--rates x", Instant.EPOCH);
        final List<String> verdict = report.verdict(steps);
        assertTrue(verdict.get(0).startsWith("Gyro (journal-sync none), highest rate held with p99 <= 1 ms: 50,000/s"),
            verdict.get(0));
        assertTrue(verdict.get(1).contains("70,000/s (offered 70,700/s"), verdict.get(1));
        assertTrue(verdict.get(3).contains("140,000/s"), verdict.get(3));
        assertEquals("Gyro / ceiling: 0.50 of the sustained rate, 0.50 of the rate held within 1 ms", verdict.get(4));
        assertTrue(verdict.get(5).contains("journal-sync batch at 50,000/s: p50 0.350 / p99 1.400 / p99.9 2.800 ms " +
            "(none: 0.225 / 0.900 / 1.800 ms; p99 +0.500 ms)"), verdict.get(5));

        report.writeCsv(directory, steps, Map.of());
        assertEquals(steps.size(), LoadRunSmokeTest.readCsv(directory.resolve(RunReport.RESULTS_CSV)).size());
        final String markdown = report.writeMarkdown(directory, steps, Map.of(StepResult.GYRO, "stopped"), List.of(),
            List.of(), Instant.EPOCH);
        assertTrue(markdown.contains("| 100,000 CCR/s or more sustained, journal on | 70,000/s (offered 70,700/s) | no |"),
            markdown);
        assertTrue(markdown.contains("| p99 <= 1 ms at 50,000 CCR/s open loop | p99 0.900 ms at 50,000/s offered " +
            "(49,800/s achieved) | yes |"), markdown);
    }

    @Test
    void shouldPickBatchRatesFromTheBestAndTheSustainedStep(@TempDir final Path directory)
    {
        final LoadRun run = new LoadRun(LoadRunOptions.parse(new String[]{"--output", directory.toString()}),
            System.out, System.err);
        assertEquals(List.of(50_000L, 70_700L), run.batchRates(List.of(StopRuleTest.step(25_000, 25_000, 0.5),
            StopRuleTest.step(50_000, 49_800, 0.9), StopRuleTest.step(70_700, 70_000, 4.0),
            StopRuleTest.step(100_000, 80_000, 40.0))));
        assertEquals(List.of(12_500L), run.batchRates(List.of(StopRuleTest.step(12_500, 9_000, 40.0))));
        final LoadRun explicit = new LoadRun(LoadRunOptions.parse(new String[]{"--output", directory.toString(),
            "--batch-rates", "30000"}), System.out, System.err);
        assertEquals(List.of(30_000L), explicit.batchRates(List.of()));
    }
}
