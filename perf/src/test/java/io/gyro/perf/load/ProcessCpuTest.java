package io.gyro.perf.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessCpuTest
{
    @Test
    void shouldAddUserAndSystemTicksEvenWhenTheCommandHoldsSpacesAndParentheses()
    {
        // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
        final String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 30 0 123 0 0";
        assertEquals((250 + 75) * 10_000_000L, ProcessCpu.parseStat(stat));
    }

    @Test
    void shouldReadThisProcessCpuTimeBothWays()
    {
        final long fromProc = ProcessCpu.cpuNanos(ProcessHandle.current().pid());
        final long fromBean = ProcessCpu.selfCpuNanos();
        assertTrue(fromProc > 0, "CPU from /proc: " + fromProc);
        assertTrue(fromBean > 0, "CPU from the MXBean: " + fromBean);
    }
}
