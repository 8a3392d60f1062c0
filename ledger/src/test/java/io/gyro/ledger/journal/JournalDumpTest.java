package io.gyro.ledger.journal;

import io.gyro.ledger.LedgerContext;
import io.gyro.ledger.LedgerStateMachine;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.testing.LedgerDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalDumpTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintEveryRecordAndEventReadably()
    {
        final Path journal = dir.resolve("journal");
        try (LedgerStateMachine ledger = LedgerStateMachine.open(new LedgerContext().journalDir(journal), null))
        {
            final LedgerDriver d = new LedgerDriver(ledger);
            d.setTariffs(Tariff.builder(10).name("data").unitType(UnitType.OCTETS).quantumUnits(1 << 20)
                .pricePerQuantumMinor(100).defaultGrantUnits(10 << 20).build());
            d.createAccount("491700000001", 12_345, 0);
            d.reserve("pgw1;123", 0, "491700000001", 10, 0);
            ledger.flush();
            d.update("pgw1;123", 1, 10, 3 << 20, 0);
            d.topUp(1, 5_000, "pay-1");
            ledger.flush();
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final long printed = JournalDump.dump(journal, new PrintStream(bytes, true, StandardCharsets.UTF_8), 1,
            Long.MAX_VALUE, 4);
        final String text = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(5, printed);
        assertTrue(text.contains("#1 2026-01-15T10:00:00Z SET_TARIFFS"), text);
        assertTrue(text.contains("AccountCreated account=1 status=0 opening=1.2345"), text);
        assertTrue(text.contains("IdentityAdded account=1 E164:491700000001"), text);
        assertTrue(text.contains("SessionOpened session=1 key=pgw1;123 account=1"), text);
        assertTrue(text.contains("UsageCommitted session=1 rg=10 used=3145728 charged=0.0300 released=0.1000"), text);
        assertTrue(text.contains("Answered session=1 request=1 result=SUCCESS balance=12045"), text);
        assertTrue(text.contains("MoneyCredited account=1 top-up 0.5000"), text);

        final ByteArrayOutputStream tail = new ByteArrayOutputStream();
        assertEquals(1, JournalDump.dump(journal, new PrintStream(tail, true, StandardCharsets.UTF_8), 5, 10, 4));
        assertFalse(tail.toString(StandardCharsets.UTF_8).contains("SET_TARIFFS"));
    }

    @Test
    void shouldRefuseAMissingJournal()
    {
        final JournalFormatException ex = assertThrows(JournalFormatException.class,
            () -> JournalDump.dump(dir.resolve("none"), System.out, 1, 1, 4));
        assertTrue(ex.getMessage().contains("no journal directory"), ex.getMessage());
    }
}
