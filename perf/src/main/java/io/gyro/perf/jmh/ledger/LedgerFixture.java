package io.gyro.perf.jmh.ledger;

import io.gyro.ledger.AccountSpec;
import io.gyro.ledger.BucketSpec;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.IdentityType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.UnitType;
import io.gyro.ledger.rating.Tariff;
import io.gyro.ledger.rating.TariffTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Commands and data shared by the ledger benchmarks. Setup-time only: allocation is fine here. */
final class LedgerFixture
{
    /** 2026-01-15T10:00:00Z. */
    static final long START_MS = 1_768_471_200_000L;
    static final long MIB = 1 << 20;
    static final long RATING_GROUP = 10;
    /** Units reported per update: a bit over one quantum, so each commit buys whole quanta. */
    static final long USED_UNITS = MIB + 12_345;

    private LedgerFixture()
    {
    }

    static TariffTable tariffs()
    {
        return TariffTable.builder().tariff(Tariff.builder(RATING_GROUP).unitType(UnitType.OCTETS).quantumUnits(MIB)
            .pricePerQuantumMinor(1).defaultGrantUnits(2 * MIB).maxGrantUnits(100 * MIB).validityTimeSec(600)
            .quotaThresholdUnits(MIB / 4).build()).build();
    }

    static String msisdn(final int i)
    {
        return Long.toString(491_700_000_000L + i);
    }

    static byte[] sessionKey(final int i)
    {
        return ("pgw1.example.org;1768471200;" + i).getBytes(StandardCharsets.US_ASCII);
    }

    static void setTariffs(final LedgerCommand cmd, final long nowMs)
    {
        cmd.reset();
        cmd.type = CommandType.SET_TARIFFS;
        cmd.timestampMs = nowMs;
        cmd.payload = tariffs();
    }

    static void createAccount(final LedgerCommand cmd, final int i, final long balance, final boolean bucket,
        final long nowMs)
    {
        cmd.reset();
        cmd.type = CommandType.CREATE_ACCOUNT;
        cmd.timestampMs = nowMs;
        final AccountSpec spec = new AccountSpec().identity(IdentityType.E164, msisdn(i)).openingBalanceMinor(balance);
        if (bucket)
        {
            spec.bucket(new BucketSpec(UnitType.OCTETS, 1L << 30, RATING_GROUP, BucketSpec.NEVER_EXPIRES));
        }
        cmd.payload = spec;
    }

    static void reserve(final LedgerCommand cmd, final int i, final byte[] key, final long nowMs)
    {
        cmd.reset();
        cmd.type = CommandType.RESERVE;
        cmd.timestampMs = nowMs;
        cmd.sessionKey(key, 0, key.length);
        cmd.requestNumber = 0;
        cmd.addIdentity(IdentityType.E164, msisdn(i));
        cmd.addService(RATING_GROUP, 0, -1);
    }

    /** A CCR-U: commit the used units and reserve the default grant again. Allocation-free. */
    static void update(final LedgerCommand cmd, final byte[] key, final long number, final long nowMs)
    {
        cmd.reset();
        cmd.type = CommandType.UPDATE;
        cmd.timestampMs = nowMs;
        cmd.sessionKey(key, 0, key.length);
        cmd.requestNumber = number;
        cmd.addService(RATING_GROUP, 0, USED_UNITS);
    }

    static void terminate(final LedgerCommand cmd, final byte[] key, final long number, final long nowMs)
    {
        cmd.reset();
        cmd.type = CommandType.TERMINATE;
        cmd.timestampMs = nowMs;
        cmd.sessionKey(key, 0, key.length);
        cmd.requestNumber = number;
        cmd.addService(RATING_GROUP, -1, USED_UNITS);
    }

    static void deleteRecursively(final Path dir) throws IOException
    {
        if (dir == null || !Files.exists(dir))
        {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException
            {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path d, final IOException exc) throws IOException
            {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
