package io.gyro.server;

import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Balances, the journal, snapshots and CDR checkpoints hold minor units without their scale: a data directory
 * remembers the {@code ledger.money-scale} it was started with, and a server configured with another refuses to
 * start instead of reading every amount 100 times too large or too small.
 */
@Timeout(60)
class MoneyScaleIntegrationTest
{
    @TempDir
    Path dataDir;
    private TestServer server;

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.close();
        }
    }

    @Test
    void shouldRefuseToStartWithAnotherMoneyScaleThanTheDataDirectoryWasStartedWith() throws Exception
    {
        server = TestServer.aServer(dataDir).start();
        server.stop();
        assertEquals("4\n", Files.readString(dataDir.resolve("money-scale")));

        server.with("ledger.money-scale=6"); // the bundled tariffs' prices have 4 decimals: 2 is refused by them
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> server.start());
        assertEquals("the data directory " + dataDir.toAbsolutePath() + " holds amounts in minor units at " +
            "ledger.money-scale 4 (its file money-scale), but the configuration says 6: every stored amount would " +
            "be read 100 times too small. Set ledger.money-scale back to 4, or start on a new data directory " +
            "(export the accounts through the admin API first)", ex.getMessage());

        server.with("ledger.money-scale=4");
        server.start();
        assertEquals("4\n", Files.readString(dataDir.resolve("money-scale")));
    }
}
