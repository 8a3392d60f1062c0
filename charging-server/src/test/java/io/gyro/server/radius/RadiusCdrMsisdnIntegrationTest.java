package io.gyro.server.radius;

import io.gyro.protocol.radius.RadiusAttributeType;
import io.gyro.protocol.radius.RadiusCode;
import io.gyro.protocol.radius.RadiusVendorId;
import io.gyro.server.cdr.CdrFilesReader;
import io.gyro.server.test.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.gyro.server.radius.RadiusLane.ACCT_START;
import static io.gyro.server.radius.RadiusLane.ACCT_STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code msisdn} column of RADIUS CDRs: filled from the E.164 the subscriber is looked up by (Calling-Station-Id
 * of digits, else a User-Name of digits that is not the 3GPP-IMSI, a leading '+' dropped), so a billing
 * reconciliation keyed on MSISDN finds RADIUS sessions as it finds Diameter ones; empty when the request names the
 * subscriber by no E.164.
 */
@Timeout(60)
class RadiusCdrMsisdnIntegrationTest
{
    private static final long MIB = 1L << 20;
    /** Demo subscriber with an IMSI. */
    private static final String MSISDN = "491700000005";
    private static final String IMSI = "262010000000005";

    @TempDir
    Path dataDir;
    private TestServer server;
    private RadiusTestNas nas;

    @BeforeEach
    void start() throws Exception
    {
        nas = new RadiusTestNas();
        server = TestServer.aServer(dataDir)
            .with("radius.enabled=true")
            .with("radius.coa-port=" + nas.coaPort())
            .start();
    }

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.close();
        }
        if (null != nas)
        {
            nas.close();
        }
    }

    private void startAndStop(final String acctSessionId, final RadiusTestNas.Request start,
        final RadiusTestNas.Request stop) throws Exception
    {
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.exchange(start, server.radiusAcctAddress()).code());
        assertEquals(RadiusCode.ACCOUNTING_RESPONSE, nas.exchange(stop.octets(MIB, MIB), server.radiusAcctAddress())
            .code(), acctSessionId);
    }

    @Test
    void shouldFillTheMsisdnColumnFromTheE164TheSubscriberIsLookedUpBy() throws Exception
    {
        // The operator review's line: the BRAS sent the MSISDN as User-Name and as Calling-Station-Id.
        startAndStop("both", nas.accounting(ACCT_START, "both", MSISDN)
                .string(RadiusAttributeType.CALLING_STATION_ID, MSISDN),
            nas.accounting(ACCT_STOP, "both", MSISDN).string(RadiusAttributeType.CALLING_STATION_ID, MSISDN));
        // Found by Calling-Station-Id after an unknown NAI; the '+' is not part of the number.
        startAndStop("csi", nas.accounting(ACCT_START, "csi", "alice@example.org")
                .string(RadiusAttributeType.CALLING_STATION_ID, "+" + MSISDN),
            nas.accounting(ACCT_STOP, "csi", "alice@example.org")
                .string(RadiusAttributeType.CALLING_STATION_ID, "+" + MSISDN));
        // Found by the IMSI in User-Name (the GGSN's 3GPP-IMSI says so), no Calling-Station-Id: no E.164, empty.
        startAndStop("imsi", nas.accounting(ACCT_START, "imsi", IMSI)
                .vendorString(RadiusVendorId.THREE_GPP, RadiusRequestAttributes.TGPP_IMSI, IMSI),
            nas.accounting(ACCT_STOP, "imsi", IMSI)
                .vendorString(RadiusVendorId.THREE_GPP, RadiusRequestAttributes.TGPP_IMSI, IMSI));
        // A MAC address as Calling-Station-Id is no MSISDN; the User-Name of digits is.
        startAndStop("mac", nas.accounting(ACCT_START, "mac", "+" + MSISDN)
                .string(RadiusAttributeType.CALLING_STATION_ID, "00-11-22-33-44-55"),
            nas.accounting(ACCT_STOP, "mac", "+" + MSISDN)
                .string(RadiusAttributeType.CALLING_STATION_ID, "00-11-22-33-44-55"));

        assertTrue(server.server().cdrWriter().awaitCaughtUp(Duration.ofSeconds(20)), "CDR writer caught up");
        final List<Map<String, String>> rows = CdrFilesReader.rows(dataDir.resolve("cdr"));
        assertEquals(4, rows.size(), rows.toString());
        final Map<String, Map<String, String>> byUser = rows.stream()
            .collect(Collectors.toMap(row -> row.get("user_name"), row -> row));
        assertEquals(4, byUser.size(), rows.toString());
        final String accountId = byUser.get(MSISDN).get("account_id");
        for (final Map<String, String> row : rows)
        {
            assertEquals("session", row.get("record_type"), row.toString());
            assertEquals(accountId, row.get("account_id"), "every session is the same subscriber's");
            assertEquals(Long.toString(2 * MIB), row.get("used_octets"), row.toString());
        }
        assertEquals(MSISDN, byUser.get(MSISDN).get("msisdn"));
        assertEquals("", byUser.get(MSISDN).get("imsi"));
        assertEquals(MSISDN, byUser.get("alice@example.org").get("msisdn"));
        assertEquals("", byUser.get(IMSI).get("msisdn"), "found by the IMSI: no E.164");
        assertEquals(IMSI, byUser.get(IMSI).get("imsi"));
        assertEquals(MSISDN, byUser.get("+" + MSISDN).get("msisdn"));
    }
}
