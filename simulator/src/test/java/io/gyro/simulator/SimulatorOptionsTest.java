package io.gyro.simulator;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorOptionsTest
{
    @Test
    void shouldDefaultToTheStandardShapeAgainstTheBundledServer()
    {
        final SimulatorOptions options = SimulatorOptions.parse(new String[0]);
        assertEquals(Mode.DIAMETER, options.mode());
        assertEquals("127.0.0.1", options.host());
        assertEquals(3868, options.port());
        assertEquals(4, options.connections());
        assertEquals(10_000, options.sessions());
        assertEquals(2, options.updates());
        assertTrue(options.isOpenLoop());
        assertEquals(1000, options.rate());
        assertEquals(Duration.ofSeconds(10), options.duration());
        assertEquals(TrafficMix.dataOnly(), options.mix());
        assertEquals(SubscriberRange.demo(), options.subscribers());
        assertEquals("pgw1.sim.gyro", options.originHost(0));
        assertEquals("pgw4.sim.gyro", options.originHost(3));
        assertEquals(TariffTable.DEMO_DATA, options.tariff(ServiceKind.DATA));
        assertEquals("32251@3gpp.org", options.serviceContextId());
        assertFalse(options.verify());
    }

    @Test
    void shouldReadEveryOptionFormOfTheCommandLine()
    {
        final SimulatorOptions options = SimulatorOptions.parse(new String[] {
            "simulate", "--mode", "diameter", "--host=10.0.0.1", "--port", "13868", "--connections", "8",
            "--sessions", "20_000", "--window", "64", "--count", "1000", "--mix", "data=80,voice=15,event=5",
            "--updates", "3", "--usage", "0.8", "--subscribers", "491700000100:50", "--seed", "7",
            "--report-dir", "/tmp/r", "--trace", "--verify", "--admin-url", "http://127.0.0.1:9090",
            "--admin-token", "secret", "--tariff", "rg=10,unit=octets,quantum=1000,price=3", "--threads", "2",
            "--timeout", "2s", "--watchdog", "1m", "--tick", "500us", "--transport", "nio",
            "--destination-host", "gyro.localdomain"});
        assertEquals("10.0.0.1", options.host());
        assertEquals(13868, options.port());
        assertEquals(8, options.connections());
        assertEquals(20_000, options.sessions());
        assertFalse(options.isOpenLoop());
        assertEquals(64, options.window());
        assertEquals(1000, options.count());
        assertNull(options.duration(), "bounded by count only");
        assertEquals(80, options.mix().weight(ServiceKind.DATA));
        assertEquals(800, options.usage().minPermille());
        assertEquals(new SubscriberRange(491_700_000_100L, SubscriberRange.DEMO_IMSI_START, 50), options.subscribers());
        assertEquals(Path.of("/tmp/r"), options.reportDir());
        assertTrue(options.trace() && options.verify());
        assertEquals("secret", options.adminToken());
        assertEquals(new Tariff(10, UnitType.OCTETS, 1000, 3), options.tariff(ServiceKind.DATA));
        assertEquals(TariffTable.DEMO_VOICE, options.tariff(ServiceKind.VOICE), "other tariffs keep their defaults");
        assertEquals(Duration.ofSeconds(2), options.timeout());
        assertEquals(Duration.ofMinutes(1), options.watchdog());
        assertEquals(Duration.ofNanos(500_000), options.tick());
        assertEquals("nio", options.transport());
        assertEquals("gyro.localdomain", options.destinationHost());
    }

    @Test
    void shouldNameTheBadOptionInItsMessage()
    {
        assertMessage("--rate (open loop) and --window (closed loop) exclude each other", "--rate", "5", "--window", "5");
        assertMessage("--connections must be at least 1", "--connections", "0");
        assertMessage("--sessions must be at least --connections", "--connections", "4", "--sessions", "3");
        assertMessage("unknown option --bogus", "--bogus", "1");
        assertMessage("--port must be a port", "--port", "70000");
        assertMessage("--duration must be a duration", "--duration", "soon");
        assertMessage("--watchdog must be at least 6s", "--watchdog", "1s");
        assertMessage("no --tariff for rating group 99", "--rating-groups", "data=99");
        assertMessage("counts SECONDS but data sessions report OCTETS", "--tariff", "rg=10,unit=seconds,quantum=1,price=1");
        assertMessage("--count needs a value", "--count");
        assertMessage("mix needs at least one positive weight", "--mix", "data=0");
        assertMessage("usage fractions must satisfy", "--usage", "0.9..0.2");
    }

    private static void assertMessage(final String expected, final String... args)
    {
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> SimulatorOptions.parse(args));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void shouldRefuseChangesAfterConclude()
    {
        final SimulatorOptions options = new SimulatorOptions().conclude();
        assertThrows(IllegalStateException.class, () -> options.rate(5));
        assertThrows(IllegalStateException.class, options::conclude);
    }
}
