package io.gyro.server.radius;

import io.gyro.ledger.AccountView;
import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.server.test.ExpectedMoney;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.gyro.server.radius.RadiusLane.ACCT_INTERIM_UPDATE;
import static io.gyro.server.radius.RadiusLane.ACCT_ON;
import static io.gyro.server.radius.RadiusLane.ACCT_START;
import static io.gyro.server.radius.RadiusLane.ACCT_STOP;
import static io.gyro.server.test.BundledTariffs.DATA_DEFAULT_GRANT;
import static io.gyro.server.test.BundledTariffs.DEMO_OPENING_MINOR;
import static io.gyro.server.test.BundledTariffs.dataChargeMinor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions belong to the NAS the shared secret authenticated: the configured client, and within
 * a client entry that is a network the source address (RFC 2865 §3 chooses the secret by source address; §5.4 and
 * §5.32 make neither NAS-IP-Address nor NAS-Identifier unique). Two NASes that declare the same identity keep their
 * sessions apart, and neither a Stop nor an Accounting-On from one touches the other's sessions.
 */
@Timeout(60)
class RadiusNasScopeIntegrationTest
{
    private static final long MIB = 1L << 20;
    private static final long OPENING_MINOR = DEMO_OPENING_MINOR;
    private static final long DEFAULT_GRANT_MINOR = dataChargeMinor(DATA_DEFAULT_GRANT);
    private static final String ALICE = "491700000003";
    private static final String BOB = "491700000004";
    /** MikroTik's factory identity: many boxes in one network send it. */
    private static final String SHARED_IDENTIFIER = "MikroTik";

    @TempDir
    Path dataDir;
    @TempDir
    Path configDir;
    private TestServer server;
    private RadiusTestNas nasA;
    private RadiusTestNas nasB;
    private final ExpectedMoney expected = new ExpectedMoney().watch(ALICE, OPENING_MINOR).watch(BOB, OPENING_MINOR);

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            expected.assertAll(server);
            server.close();
        }
        if (null != nasA)
        {
            nasA.close();
        }
        if (null != nasB)
        {
            nasB.close();
        }
    }

    private void account(final RadiusTestNas nas, final RadiusTestNas.Request request) throws Exception
    {
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.exchange(request, server.radiusAcctAddress()).code());
    }

    private RadiusCounters counters()
    {
        return server.server().radius().counters();
    }

    @Test
    void shouldKeepTwoNasesOfOneClientNetworkApartWhenTheyDeclareTheSameNasIdentifier() throws Exception
    {
        // The bundled client is 127.0.0.0/8 with one secret: both NASes are in it.
        nasA = new RadiusTestNas(RadiusTestNas.SECRET, InetAddress.getByName("127.0.0.1"));
        nasB = new RadiusTestNas(RadiusTestNas.SECRET, InetAddress.getByName("127.0.0.2"));
        server = TestServer.aServer(dataDir).with("radius.enabled=true").with("radius.coa-port=" + nasA.coaPort())
            .start();

        account(nasA, nasA.accounting(ACCT_START, "81a00001", ALICE)
            .string(RadiusAttributeType.NAS_IDENTIFIER, SHARED_IDENTIFIER));
        account(nasB, nasB.accounting(ACCT_START, "81a00001", BOB)
            .string(RadiusAttributeType.NAS_IDENTIFIER, SHARED_IDENTIFIER));
        assertEquals(1, server.account(ALICE).openSessions());
        assertEquals(1, server.account(BOB).openSessions(), "B's Start opened B's own session");

        account(nasB, nasB.accounting(ACCT_INTERIM_UPDATE, "81a00001", BOB).octets(5 * MIB, 0)
            .string(RadiusAttributeType.NAS_IDENTIFIER, SHARED_IDENTIFIER));
        expected.charge(BOB, dataChargeMinor(5 * MIB));
        assertEquals(expected.balanceMinor(ALICE), server.account(ALICE).balanceMinor(),
            "Alice is not charged for Bob");
        assertEquals(expected.balanceMinor(BOB), server.account(BOB).balanceMinor());

        account(nasB, nasB.accounting(ACCT_ON, null, null)
            .string(RadiusAttributeType.NAS_IDENTIFIER, SHARED_IDENTIFIER));
        final AccountView bob = server.account(BOB);
        assertEquals(0, bob.openSessions(), "B's Accounting-On released B's session");
        assertEquals(0, bob.reservedMinor());
        final AccountView alice = server.account(ALICE);
        assertEquals(1, alice.openSessions(), "and left A's alone");
        assertEquals(DEFAULT_GRANT_MINOR, alice.reservedMinor());

        account(nasA, nasA.accounting(ACCT_STOP, "81a00001", ALICE).octets(2 * MIB, 0)
            .string(RadiusAttributeType.NAS_IDENTIFIER, SHARED_IDENTIFIER));
        expected.charge(ALICE, dataChargeMinor(2 * MIB));
        assertEquals(expected.balanceMinor(ALICE), server.account(ALICE).balanceMinor());
        assertEquals(expected.balanceMinor(BOB), server.account(BOB).balanceMinor(),
            "the Accounting-On charged nothing");
        assertEquals(0, server.account(ALICE).reservedMinor());
        assertEquals(0, counters().unratedRecords);
    }

    @Test
    void shouldNotLetOneConfiguredClientEndAnotherClientsSessionsByDeclaringItsNasIpAddress() throws Exception
    {
        nasA = new RadiusTestNas(RadiusTestNas.SECRET, InetAddress.getByName("127.0.0.1"));
        nasB = new RadiusTestNas("secret-of-b", InetAddress.getByName("127.0.0.2"));
        server = TestServer.aServer(dataDir).withConfigFile(twoClients()).with("radius.enabled=true")
            .with("radius.coa-port=" + nasA.coaPort()).start();

        // RadiusTestNas declares NAS-IP-Address 127.0.0.1 for both: B claims to be A.
        account(nasA, nasA.accounting(ACCT_START, "s-1", ALICE));
        assertEquals(DEFAULT_GRANT_MINOR, server.account(ALICE).reservedMinor());

        account(nasB, nasB.accounting(ACCT_STOP, "s-1", ALICE).octets(90 * MIB, 0));
        assertEquals(1, counters().unratedRecords, "B has no session s-1: its Stop is recorded unrated");
        account(nasB, nasB.accounting(ACCT_ON, null, null));
        AccountView alice = server.account(ALICE);
        assertEquals(OPENING_MINOR, alice.balanceMinor(), "B's Stop charged nothing");
        assertEquals(1, alice.openSessions(), "and neither B's Stop nor its Accounting-On ended A's session");
        assertEquals(DEFAULT_GRANT_MINOR, alice.reservedMinor());

        account(nasA, nasA.accounting(ACCT_STOP, "s-1", ALICE).octets(3 * MIB, 0));
        alice = server.account(ALICE);
        expected.charge(ALICE, dataChargeMinor(3 * MIB));
        assertEquals(expected.balanceMinor(ALICE), alice.balanceMinor());
        assertEquals(0, alice.reservedMinor());
        assertEquals(0, alice.openSessions());
    }

    /** The bundled configuration with the loopback client narrowed to 127.0.0.1 and a second NAS at 127.0.0.2. */
    private Path twoClients() throws Exception
    {
        final String bundled = Files.readString(Path.of("..", "config", "gyro.yaml"), StandardCharsets.UTF_8);
        final String clientA = "      address: 127.0.0.0/8        # any loopback address\n";
        final String lastKeyOfA = "      rating-group: 10            # RADIUS sessions are charged as data (tariff 10)\n";
        final String edited = bundled.replace(clientA, "      address: 127.0.0.1/32\n").replace(lastKeyOfA,
            lastKeyOfA + "    - name: second-nas\n      address: 127.0.0.2/32\n      secret: secret-of-b\n" +
            "      vendor: generic\n      rating-group: 10\n");
        assertTrue(edited.contains("address: 127.0.0.1/32") && edited.contains("name: second-nas"), "both edits made");
        final Path file = configDir.resolve("two-clients.yaml");
        Files.writeString(file, edited, StandardCharsets.UTF_8);
        return file;
    }
}
