package io.gyro.ledger;

import io.gyro.ledger.testing.LedgerDriver;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

/** GET_CREDENTIAL: the read-only query the server's RADIUS PAP/CHAP check uses. */
class CredentialQueryTest
{
    private static final String ALICE = "491700000001";
    private static final String BOB = "491700000002";

    private final LedgerDriver d = new LedgerDriver(
        LedgerStateMachine.open(new LedgerContext().journalEnabled(false).conclude(), LedgerNotificationListener.NONE));

    @Test
    void shouldAnswerACopyOfTheCredentialWithoutJournalingAnything()
    {
        final byte[] password = "gyro-demo".getBytes(StandardCharsets.UTF_8);
        final LedgerCommand create = d.command(CommandType.CREATE_ACCOUNT);
        create.payload = new AccountSpec().identity(IdentityType.E164, ALICE).openingBalanceMinor(500)
            .credential(password);
        d.run(create);

        final LedgerCommand query = d.command(CommandType.GET_CREDENTIAL);
        query.addIdentity(IdentityType.NAI, "nobody@example");
        query.addIdentity(IdentityType.E164, ALICE);
        d.run(query);

        assertEquals(LedgerResult.SUCCESS, query.result);
        assertEquals(create.accountId, query.accountId);
        assertEquals(500, query.availableMinor);
        assertArrayEquals(password, (byte[])query.payload);
        assertNotSame(password, query.payload);
        assertEquals(0, query.journalSequence, "a query changes nothing");
        assertFalse(((AccountView)d.run(accountQuery()).payload).identities().toString().contains("gyro-demo"));
    }

    @Test
    void shouldAnswerNullForAnAccountWithoutCredentialAndNotFoundForAStranger()
    {
        final LedgerCommand create = d.command(CommandType.CREATE_ACCOUNT);
        create.payload = new AccountSpec().identity(IdentityType.E164, BOB).openingBalanceMinor(0);
        d.run(create);

        final LedgerCommand bob = d.command(CommandType.GET_CREDENTIAL);
        bob.addIdentity(IdentityType.E164, BOB);
        assertEquals(LedgerResult.SUCCESS, d.run(bob).result);
        assertNull(bob.payload);

        final LedgerCommand stranger = d.command(CommandType.GET_CREDENTIAL);
        stranger.addIdentity(IdentityType.E164, "491799999999");
        assertEquals(LedgerResult.NOT_FOUND, d.run(stranger).result);
        assertNull(stranger.payload);
    }

    private LedgerCommand accountQuery()
    {
        final LedgerCommand query = d.command(CommandType.GET_ACCOUNT);
        query.addIdentity(IdentityType.E164, ALICE);
        return query;
    }
}
