package io.gyro.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gyro.config.ConfigurationException;
import io.gyro.config.ConfigurationLoader;
import io.gyro.config.ConfigurationProblem;
import io.gyro.config.model.GyroConfiguration;
import io.gyro.config.model.TariffConfiguration;
import io.gyro.ledger.AccountSpec;
import io.gyro.ledger.AccountStatus;
import io.gyro.ledger.AccountUpdate;
import io.gyro.ledger.AccountView;
import io.gyro.ledger.BucketSpec;
import io.gyro.ledger.CommandType;
import io.gyro.ledger.LedgerCommand;
import io.gyro.ledger.LedgerLimits;
import io.gyro.ledger.LedgerResult;
import io.gyro.ledger.SessionView;
import io.gyro.ledger.rating.TariffTable;
import io.gyro.server.importer.ImportFormatException;
import io.gyro.server.importer.SubscriberImporter;
import io.gyro.server.ledger.CommandOutcome;
import io.gyro.server.session.SessionKeyText;
import io.gyro.server.ledger.LedgerGateway;
import io.gyro.server.ledger.Priority;
import io.gyro.server.ledger.TariffMapper;
import io.gyro.server.metrics.GyroMetrics;
import org.agrona.concurrent.EpochClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The admin API's routes and what each does (see {@code admin-api.yaml}). Each write is exactly one ledger
 * command published at admin priority; reads are ledger queries at the same priority. Handlers continue on the
 * admin worker thread, never on the ledger's reply thread.
 */
public final class AdminApi implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    /** Path prefix of the versioned API. */
    public static final String PREFIX = "/api/v1";
    /** Class-path location of the OpenAPI document. */
    public static final String OPENAPI_RESOURCE = "/io/gyro/server/admin/admin-api.yaml";
    /** Problems listed in an import's JSON answer; the counts stay exact beyond it. */
    static final int MAX_REPORTED_PROBLEMS = 10_000;

    private static final Set<String> CREATE_FIELDS = Set.of("msisdn", "imsi", "nai", "identities", "balance",
        "balanceMinor", "creditLimit", "creditLimitMinor", "lowBalanceThreshold", "lowBalanceThresholdMinor", "status",
        "billingDay", "password", "buckets");
    private static final Set<String> PATCH_FIELDS = Set.of("status", "creditLimit", "creditLimitMinor",
        "lowBalanceThreshold", "lowBalanceThresholdMinor", "billingDay");
    private static final Set<String> IDENTITY_FIELDS = Set.of("type", "value");
    private static final Set<String> BUCKET_FIELDS = Set.of("unit", "units", "ratingGroup", "expiresAt");
    private static final Set<String> TOP_UP_FIELDS = Set.of("amount", "amountMinor", "idempotencyKey");

    private final LedgerGateway ledger;
    private final GyroConfiguration configuration;
    private final int moneyScale;
    private final EpochClock clock;
    private final GyroMetrics metrics;
    private final BooleanSupplier ready;
    private final BooleanSupplier journalStalled;
    private final Consumer<TariffTable> tariffsChanged;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "gyro-admin-worker");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService importer = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "gyro-admin-import");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean importRunning = new AtomicBoolean();
    private final byte[] openApi;
    private final Router router = new Router();

    /**
     * @param ledger         the gateway onto the ledger ring.
     * @param configuration  the running configuration (money scale, mode).
     * @param clock          stamps commands.
     * @param metrics        the registry served at /metrics.
     * @param ready          true once recovery finished.
     * @param tariffsChanged told about a new tariff table once the ledger has journaled it (the protocol lanes
     *                       swap their tariff view).
     */
    public AdminApi(
        final LedgerGateway ledger,
        final GyroConfiguration configuration,
        final EpochClock clock,
        final GyroMetrics metrics,
        final BooleanSupplier ready,
        final Consumer<TariffTable> tariffsChanged)
    {
        this(ledger, configuration, clock, metrics, ready, () -> false, tariffsChanged);
    }

    /**
     * @param ledger         the gateway onto the ledger ring.
     * @param configuration  the running configuration (money scale, mode).
     * @param clock          stamps commands.
     * @param metrics        the registry served at /metrics.
     * @param ready          true once recovery finished.
     * @param journalStalled true while journal appends fail (disk full): readiness answers 503 then. Read on the
     *                       HTTP thread only (a volatile flag the ledger sets at the outage's first failed append
     *                       and clears at its first successful one), so a probe adds no work to the ledger.
     * @param tariffsChanged told about a new tariff table once the ledger has journaled it (the protocol lanes
     *                       swap their tariff view).
     */
    public AdminApi(
        final LedgerGateway ledger,
        final GyroConfiguration configuration,
        final EpochClock clock,
        final GyroMetrics metrics,
        final BooleanSupplier ready,
        final BooleanSupplier journalStalled,
        final Consumer<TariffTable> tariffsChanged)
    {
        this.ledger = ledger;
        this.configuration = configuration;
        this.moneyScale = configuration.ledger().moneyScale();
        this.clock = clock;
        this.metrics = metrics;
        this.ready = ready;
        this.journalStalled = journalStalled;
        this.tariffsChanged = tariffsChanged;
        this.openApi = readOpenApi();

        router.add("GET", "/health", true, this::health)
            .add("GET", "/health/live", true, this::live)
            .add("GET", "/health/ready", true, this::readiness)
            .add("GET", "/metrics", true, this::metrics)
            .add("GET", PREFIX + "/openapi.yaml", true, request -> CompletableFuture.completedFuture(
                new ApiResponse(200, "application/yaml; charset=utf-8", openApi, Map.of())))
            .add("POST", PREFIX + "/subscribers", false, this::createSubscriber)
            .add("GET", PREFIX + "/subscribers/{subscriber}", false, this::getSubscriber)
            .add("PATCH", PREFIX + "/subscribers/{subscriber}", false, this::updateSubscriber)
            .add("DELETE", PREFIX + "/subscribers/{subscriber}", false, this::deleteSubscriber)
            .add("GET", PREFIX + "/subscribers/{subscriber}/identities", false, this::getIdentities)
            .add("POST", PREFIX + "/subscribers/{subscriber}/identities", false, this::addIdentity)
            .add("GET", PREFIX + "/subscribers/{subscriber}/balance", false, this::getBalance)
            .add("GET", PREFIX + "/subscribers/{subscriber}/buckets", false, this::getBuckets)
            .add("POST", PREFIX + "/subscribers/{subscriber}/buckets", false, this::addBucket)
            .add("POST", PREFIX + "/subscribers/{subscriber}/top-ups", false, this::topUp)
            .add("GET", PREFIX + "/subscribers/{subscriber}/sessions", false, this::getSessions)
            .add("DELETE", PREFIX + "/subscribers/{subscriber}/sessions/{session}", false, this::endSession)
            .add("GET", PREFIX + "/tariffs", false, this::getTariffs)
            .add("PUT", PREFIX + "/tariffs", false, this::putTariffs)
            .add("POST", PREFIX + "/import", false, this::importSubscribers);
    }

    /** @return the routes (for the HTTP server and the OpenAPI contract test). */
    Router router()
    {
        return router;
    }

    private static byte[] readOpenApi()
    {
        try (InputStream in = AdminApi.class.getResourceAsStream(OPENAPI_RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the class path");
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        worker.shutdownNow();
        importer.shutdownNow();
    }

    // ------------------------------------------------------------------ ledger calls

    /**
     * Publish one command at admin priority; the continuation runs on the admin worker.
     */
    private CompletableFuture<CommandOutcome> call(final Consumer<LedgerCommand> filler)
    {
        return call(Priority.ADMIN, filler);
    }

    /**
     * Publish the read that follows a write, at internal priority: it waits for a ring slot instead of being shed.
     * The write is journaled already, and a 503 with Retry-After would tell the client to apply it again (RFC 9110
     * §15.6.4: 503 means the request was not performed): a second bucket, say.
     */
    private CompletableFuture<CommandOutcome> readAfterWrite(final Consumer<LedgerCommand> filler)
    {
        return call(Priority.INTERNAL, filler);
    }

    private CompletableFuture<CommandOutcome> call(final Priority priority, final Consumer<LedgerCommand> filler)
    {
        return ledger.call(priority, command ->
        {
            command.timestampMs = clock.time();
            filler.accept(command);
        }).thenApplyAsync(outcome ->
        {
            if (outcome.shed())
            {
                throw new ApiResponses.LedgerBusyException();
            }
            return outcome;
        }, worker);
    }

    /**
     * A block or delete releases a bounded number of open sessions per ledger command (a journal record's event
     * limit); while more remain the ledger answers LIMIT_EXCEEDED with a session-id boundary, and the command is
     * repeated with it until every session open at the first command is released. Continuations wait for a slot
     * instead of being shed: the first command is applied already and the account is blocked.
     */
    private CompletableFuture<CommandOutcome> releaseRemainingSessions(
        final CommandOutcome outcome, final CommandType continuation)
    {
        if (LedgerResult.LIMIT_EXCEEDED != outcome.result())
        {
            return CompletableFuture.completedFuture(outcome);
        }
        return ledger.call(Priority.INTERNAL, command ->
        {
            command.type = continuation;
            command.timestampMs = clock.time();
            command.accountId = outcome.accountId();
            command.requestNumber = outcome.requestNumber();
        }).thenComposeAsync(next -> releaseRemainingSessions(next, continuation), worker);
    }

    private CompletableFuture<AccountView> account(final SubscriberRef subscriber)
    {
        return account(subscriber, Priority.ADMIN);
    }

    private CompletableFuture<AccountView> account(final SubscriberRef subscriber, final Priority priority)
    {
        return call(priority, command ->
        {
            command.type = CommandType.GET_ACCOUNT;
            subscriber.fill(command);
        }).thenApply(outcome ->
        {
            if (LedgerResult.NOT_FOUND == outcome.result())
            {
                throw ApiException.notFound("no subscriber " + subscriber);
            }
            requireSuccess(outcome, "subscriber");
            return (AccountView)outcome.payload();
        });
    }

    private static void requireSuccess(final CommandOutcome outcome, final String field)
    {
        final LedgerResult result = outcome.result();
        if (result.isSuccess())
        {
            return;
        }
        throw switch (result)
        {
            case NOT_FOUND, USER_UNKNOWN -> ApiException.notFound("not found");
            case ACCOUNT_EXISTS -> ApiException.conflict(field, "a subscriber with this identity exists already");
            case IDENTITY_TAKEN -> ApiException.conflict(field, "an identity belongs to another subscriber already");
            case LIMIT_EXCEEDED -> ApiException.conflict(field, "a fixed limit was reached (at most " +
                LedgerLimits.MAX_IDENTITIES_PER_ACCOUNT + " identities per subscriber)");
            case UNKNOWN_SESSION -> ApiException.notFound("no such open session");
            case INVALID_ARGUMENT -> ApiException.badRequest(field, "the ledger refused the values");
            default -> new ApiException(409, field, "the ledger refused: " + result.name().toLowerCase(
                java.util.Locale.ROOT));
        };
    }

    private static CompletableFuture<ApiResponse> ok(final JsonNode body)
    {
        return CompletableFuture.completedFuture(ApiResponses.json(200, body));
    }

    private CompletableFuture<ApiResponse> accountResponse(
        final SubscriberRef subscriber, final int status, final java.util.function.Function<AccountView, JsonNode> view)
    {
        return account(subscriber).thenApply(account -> ApiResponses.json(status, view.apply(account)));
    }

    /** The account as a write left it: read at internal priority (see {@link #readAfterWrite}). */
    private CompletableFuture<ApiResponse> writtenAccountResponse(
        final SubscriberRef subscriber, final int status, final java.util.function.Function<AccountView, JsonNode> view)
    {
        return account(subscriber, Priority.INTERNAL)
            .thenApply(account -> ApiResponses.json(status, view.apply(account)));
    }

    // ------------------------------------------------------------------ health and metrics

    /** Why the node should get no traffic now: not ready after recovery, or the journal refuses appends. */
    private static final String NOT_READY_STARTING = "starting";
    private static final String NOT_READY_JOURNAL_STALLED = "journal-stalled";

    /**
     * @return null when ready, else the reason: {@value #NOT_READY_STARTING} (journal recovery not finished, or the
     * ledger no longer runs) or {@value #NOT_READY_JOURNAL_STALLED} (journal appends fail, e.g. disk full: every new
     * request is shed, so a load balancer should route elsewhere; the node is ready again by itself at the first
     * append that succeeds). The stall flag changes only at an outage's first failed append and its first successful
     * one, not on each retry, and a slow disk whose appends succeed never sets it: readiness does not follow ring
     * occupancy or shedding under load, which would flap.
     */
    private String notReadyReason()
    {
        if (!ready.getAsBoolean())
        {
            return NOT_READY_STARTING;
        }
        return journalStalled.getAsBoolean() ? NOT_READY_JOURNAL_STALLED : null;
    }

    private CompletableFuture<ApiResponse> health(final ApiRequest request)
    {
        final String reason = notReadyReason();
        final boolean isReady = null == reason;
        final ObjectNode body = ApiResponses.object()
            .put("status", isReady ? "up" : NOT_READY_STARTING.equals(reason) ? "starting" : "stalled")
            .put("live", true)
            .put("ready", isReady);
        if (!isReady)
        {
            body.put("reason", reason);
        }
        body.put("mode", configuration.mode().configName());
        return CompletableFuture.completedFuture(ApiResponses.json(isReady ? 200 : 503, body));
    }

    /** Liveness stays 200 while the journal is stalled: the process is fine, a restart would lose the held batch. */
    private CompletableFuture<ApiResponse> live(final ApiRequest request)
    {
        return ok(ApiResponses.object().put("live", true));
    }

    private CompletableFuture<ApiResponse> readiness(final ApiRequest request)
    {
        final String reason = notReadyReason();
        final ObjectNode body = ApiResponses.object().put("ready", null == reason);
        if (null != reason)
        {
            body.put("reason", reason);
        }
        return CompletableFuture.completedFuture(ApiResponses.json(null == reason ? 200 : 503, body));
    }

    private CompletableFuture<ApiResponse> metrics(final ApiRequest request)
    {
        return CompletableFuture.supplyAsync(() -> ApiResponse.text(200, GyroMetrics.CONTENT_TYPE, metrics.scrape()),
            worker);
    }

    // ------------------------------------------------------------------ subscribers

    private CompletableFuture<ApiResponse> createSubscriber(final ApiRequest request)
    {
        final ObjectNode body = Fields.body(request);
        Fields.allowOnly(body, "", CREATE_FIELDS);
        final AccountSpec spec = new AccountSpec();
        identity(spec, body, "msisdn", io.gyro.ledger.IdentityType.E164);
        identity(spec, body, "imsi", io.gyro.ledger.IdentityType.IMSI);
        identity(spec, body, "nai", io.gyro.ledger.IdentityType.NAI);
        final JsonNode identities = body.get("identities");
        if (null != identities && !identities.isNull())
        {
            if (!identities.isArray())
            {
                throw ApiException.badRequest("identities", "must be a list of {\"type\", \"value\"}");
            }
            for (int i = 0; i < identities.size(); i++)
            {
                final String prefix = "identities[" + i + "].";
                if (!(identities.get(i) instanceof ObjectNode entry))
                {
                    throw ApiException.badRequest("identities[" + i + "]", "must be an object");
                }
                Fields.allowOnly(entry, prefix, IDENTITY_FIELDS);
                final int type = Fields.identityType(Fields.text(entry, prefix, "type", true), prefix + "type");
                spec.identity(type, Fields.identityValue(type, Fields.text(entry, prefix, "value", true),
                    prefix + "value"));
            }
        }
        if (0 == spec.identityCount())
        {
            throw ApiException.badRequest("msisdn", "a subscriber needs at least one identity (msisdn, imsi, nai or " +
                "identities)");
        }
        final Long balance = Fields.money(body, "", "balance", moneyScale, true);
        spec.openingBalanceMinor(null == balance ? 0 : balance);
        final Long limit = Fields.money(body, "", "creditLimit", moneyScale, false);
        spec.creditLimitMinor(null == limit ? 0 : limit);
        final Long threshold = Fields.money(body, "", "lowBalanceThreshold", moneyScale, false);
        spec.lowBalanceThresholdMinor(null == threshold ? 0 : threshold);
        final String status = Fields.text(body, "", "status", false);
        if (null != status)
        {
            spec.status(status(status));
        }
        final Long billingDay = Fields.integer(body, "", "billingDay", 1, AccountSpec.MAX_BILLING_DAY);
        if (null != billingDay)
        {
            spec.billingDay(billingDay.intValue());
        }
        final String password = Fields.text(body, "", "password", false);
        if (null != password)
        {
            spec.credential(password.getBytes(StandardCharsets.UTF_8));
        }
        final JsonNode buckets = body.get("buckets");
        if (null != buckets && !buckets.isNull())
        {
            if (!buckets.isArray())
            {
                throw ApiException.badRequest("buckets", "must be a list of buckets");
            }
            for (int i = 0; i < buckets.size(); i++)
            {
                if (!(buckets.get(i) instanceof ObjectNode entry))
                {
                    throw ApiException.badRequest("buckets[" + i + "]", "must be an object");
                }
                spec.bucket(bucket(entry, "buckets[" + i + "]."));
            }
        }
        final String invalid = spec.validate();
        if (null != invalid)
        {
            throw ApiException.badRequest(null, invalid);
        }
        final SubscriberRef first = new SubscriberRef(spec.identityType(0),
            new String(spec.identity(0), StandardCharsets.UTF_8));
        return call(command ->
        {
            command.type = CommandType.CREATE_ACCOUNT;
            command.payload = spec;
        }).thenCompose(outcome ->
        {
            requireSuccess(outcome, Fields.identityTypeName(spec.identityType(0)));
            return account(new SubscriberRef(io.gyro.ledger.IdentityType.ACCOUNT_ID,
                Long.toString(outcome.accountId())), Priority.INTERNAL);
        }).thenApply(account -> ApiResponses.json(201, Views.account(account, moneyScale))
            .withHeader("Location", PREFIX + "/subscribers/" + pathOf(first)));
    }

    private static String pathOf(final SubscriberRef subscriber)
    {
        return io.gyro.ledger.IdentityType.E164 == subscriber.identityType() ? subscriber.value() :
            java.net.URLEncoder.encode(subscriber.toString(), StandardCharsets.UTF_8);
    }

    private static void identity(final AccountSpec spec, final ObjectNode body, final String name, final int type)
    {
        final String value = Fields.text(body, "", name, false);
        if (null != value)
        {
            spec.identity(type, Fields.identityValue(type, value, name));
        }
    }

    private static int status(final String status)
    {
        return switch (status)
        {
            case "active" -> AccountStatus.ACTIVE;
            case "blocked" -> AccountStatus.BLOCKED;
            default -> throw ApiException.badRequest("status", "'" + status + "' is not active or blocked");
        };
    }

    private static BucketSpec bucket(final ObjectNode entry, final String prefix)
    {
        Fields.allowOnly(entry, prefix, BUCKET_FIELDS);
        final int unitType = Fields.unitType(Fields.text(entry, prefix, "unit", true), prefix + "unit");
        final long units = Fields.units(entry, prefix, "units", unitType);
        final Long ratingGroup = Fields.integer(entry, prefix, "ratingGroup", 0, 0xFFFF_FFFFL);
        final Long expiresAt = Fields.instant(entry, prefix, "expiresAt");
        if (null != expiresAt && expiresAt <= 0)
        {
            throw ApiException.badRequest(prefix + "expiresAt", "must be after 1970");
        }
        return new BucketSpec(unitType, units, null == ratingGroup ? BucketSpec.ANY_RATING_GROUP : ratingGroup,
            null == expiresAt ? BucketSpec.NEVER_EXPIRES : expiresAt);
    }

    private CompletableFuture<ApiResponse> getSubscriber(final ApiRequest request)
    {
        return accountResponse(SubscriberRef.parse(request.param("subscriber")), 200,
            account -> Views.account(account, moneyScale));
    }

    private CompletableFuture<ApiResponse> updateSubscriber(final ApiRequest request)
    {
        final SubscriberRef subscriber = SubscriberRef.parse(request.param("subscriber"));
        final ObjectNode body = Fields.body(request);
        Fields.allowOnly(body, "", PATCH_FIELDS);
        final AccountUpdate update = new AccountUpdate();
        final String status = Fields.text(body, "", "status", false);
        if (null != status)
        {
            update.status(status(status));
        }
        final Long limit = Fields.money(body, "", "creditLimit", moneyScale, false);
        if (null != limit)
        {
            update.creditLimitMinor(limit);
        }
        final Long threshold = Fields.money(body, "", "lowBalanceThreshold", moneyScale, false);
        if (null != threshold)
        {
            update.lowBalanceThresholdMinor(threshold);
        }
        final Long billingDay = Fields.integer(body, "", "billingDay", 1, AccountSpec.MAX_BILLING_DAY);
        if (null != billingDay)
        {
            update.billingDay(billingDay.intValue());
        }
        if (body.isEmpty())
        {
            throw ApiException.badRequest("body", "name at least one of " + String.join(", ",
                new java.util.TreeSet<>(PATCH_FIELDS)));
        }
        return call(command ->
        {
            command.type = CommandType.UPDATE_ACCOUNT;
            command.payload = update;
            subscriber.fill(command);
        }).thenCompose(outcome -> releaseRemainingSessions(outcome, CommandType.BLOCK_ACCOUNT)).thenCompose(outcome ->
        {
            if (LedgerResult.NOT_FOUND == outcome.result())
            {
                throw ApiException.notFound("no subscriber " + subscriber);
            }
            requireSuccess(outcome, "body");
            return writtenAccountResponse(subscriber, 200, account -> Views.account(account, moneyScale));
        });
    }

    private CompletableFuture<ApiResponse> deleteSubscriber(final ApiRequest request)
    {
        final SubscriberRef subscriber = SubscriberRef.parse(request.param("subscriber"));
        return call(command ->
        {
            command.type = CommandType.DELETE_ACCOUNT;
            subscriber.fill(command);
        }).thenCompose(outcome -> releaseRemainingSessions(outcome, CommandType.DELETE_ACCOUNT)).thenApply(outcome ->
        {
            if (LedgerResult.NOT_FOUND == outcome.result())
            {
                throw ApiException.notFound("no subscriber " + subscriber);
            }
            requireSuccess(outcome, "subscriber");
            return ApiResponse.empty(204);
        });
    }

    private CompletableFuture<ApiResponse> getIdentities(final ApiRequest request)
    {
        return accountResponse(SubscriberRef.parse(request.param("subscriber")), 200, account ->
        {
            final ObjectNode node = ApiResponses.object().put("accountId", account.accountId());
            node.set("identities", Views.account(account, moneyScale).get("identities"));
            return node;
        });
    }

    private CompletableFuture<ApiResponse> addIdentity(final ApiRequest request)
    {
        final SubscriberRef subscriber = SubscriberRef.parse(request.param("subscriber"));
        final ObjectNode body = Fields.body(request);
        Fields.allowOnly(body, "", IDENTITY_FIELDS);
        final int type = Fields.identityType(Fields.text(body, "", "type", true), "type");
        final String value = Fields.identityValue(type, Fields.text(body, "", "value", true), "value");
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return account(subscriber).thenCompose(account -> call(command ->
        {
            command.type = CommandType.ADD_IDENTITY;
            command.accountId = account.accountId();
            command.addIdentity(type, bytes, 0, bytes.length);
        })).thenCompose(outcome ->
        {
            if (LedgerResult.NOT_FOUND == outcome.result())
            {
                throw ApiException.notFound("no subscriber " + subscriber);
            }
            requireSuccess(outcome, "value");
            return writtenAccountResponse(subscriber, 201, account ->
            {
                final ObjectNode node = ApiResponses.object().put("accountId", account.accountId());
                node.set("identities", Views.account(account, moneyScale).get("identities"));
                return node;
            });
        });
    }

    private CompletableFuture<ApiResponse> getBalance(final ApiRequest request)
    {
        return accountResponse(SubscriberRef.parse(request.param("subscriber")), 200, account ->
        {
            final ObjectNode full = Views.account(account, moneyScale);
            final ObjectNode node = ApiResponses.object();
            for (final String field : List.of("accountId", "moneyScale", "balanceMinor", "balance", "reservedMinor",
                "reserved", "availableMinor", "available", "creditLimitMinor", "creditLimit", "buckets"))
            {
                node.set(field, full.get(field));
            }
            return node;
        });
    }

    private CompletableFuture<ApiResponse> getBuckets(final ApiRequest request)
    {
        return accountResponse(SubscriberRef.parse(request.param("subscriber")), 200, account ->
        {
            final ObjectNode node = ApiResponses.object().put("accountId", account.accountId());
            node.set("buckets", Views.account(account, moneyScale).get("buckets"));
            return node;
        });
    }

    private CompletableFuture<ApiResponse> addBucket(final ApiRequest request)
    {
        final SubscriberRef subscriber = SubscriberRef.parse(request.param("subscriber"));
        final BucketSpec bucket = bucket(Fields.body(request), "");
        return call(command ->
        {
            command.type = CommandType.ADD_BUCKET;
            command.payload = bucket;
            subscriber.fill(command);
        }).thenCompose(outcome ->
        {
            if (LedgerResult.NOT_FOUND == outcome.result())
            {
                throw ApiException.notFound("no subscriber " + subscriber);
            }
            requireSuccess(outcome, "body");
            return writtenAccountResponse(subscriber, 201, account -> Views.account(account, moneyScale));
        });
    }

    private CompletableFuture<ApiResponse> topUp(final ApiRequest request)
    {
        final SubscriberRef subscriber = SubscriberRef.parse(request.param("subscriber"));
        final ObjectNode body = Fields.body(request);
        Fields.allowOnly(body, "", TOP_UP_FIELDS);
        final Long amount = Fields.money(body, "", "amount", moneyScale, false);
        if (null == amount || 0 == amount)
        {
            throw ApiException.badRequest("amount", "a positive amount is required (amount or amountMinor)");
        }
        String key = Fields.text(body, "", "idempotencyKey", false);
        final String headerKey = request.idempotencyKey();
        if (null != key && null != headerKey && !key.equals(headerKey))
        {
            // Two different keys for one request: whichever were taken, a retry keyed by the other would credit twice.
            throw ApiException.badRequest("idempotencyKey", "the body's idempotencyKey and the Idempotency-Key " +
                "header differ; give one key, in either place");
        }
        if (null == key)
        {
            key = headerKey;
        }
        if (null == key || key.isBlank())
        {
            throw ApiException.badRequest("idempotencyKey", "is required (in the body or the Idempotency-Key header), " +
                "so that a retried top-up is applied once");
        }
        final byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (keyBytes.length > LedgerLimits.MAX_IDEMPOTENCY_KEY_LENGTH)
        {
            throw ApiException.badRequest("idempotencyKey", "longer than " + LedgerLimits.MAX_IDEMPOTENCY_KEY_LENGTH +
                " bytes");
        }
        final String idempotencyKey = key;
        return call(command ->
        {
            command.type = CommandType.TOP_UP;
            command.amountMinor = amount;
            command.idempotencyKey(keyBytes, 0, keyBytes.length);
            subscriber.fill(command);
        }).thenApply(outcome ->
        {
            if (LedgerResult.NOT_FOUND == outcome.result())
            {
                throw ApiException.notFound("no subscriber " + subscriber);
            }
            if (LedgerResult.INVALID_ARGUMENT == outcome.result())
            {
                throw ApiException.badRequest("amount", "the ledger refused it: the balance would pass the largest " +
                    "amount it counts (2^63 - 1 minor units)");
            }
            if (LedgerResult.IDEMPOTENCY_KEY_REUSED == outcome.result())
            {
                // draft-ietf-httpapi-idempotency-key-header §2.7: a key reused with another payload is 422.
                throw new ApiException(422, "idempotencyKey", "idempotencyKey: was used for a top-up of another " +
                    "subscriber or amount within its retention; nothing was credited");
            }
            requireSuccess(outcome, "amount");
            final boolean replayed = LedgerResult.IDEMPOTENT_REPLAY == outcome.result();
            final ObjectNode node = ApiResponses.object()
                .put("accountId", outcome.accountId())
                .put("idempotencyKey", idempotencyKey)
                .put("replayed", replayed);
            Views.money(node, "amount", amount, moneyScale);
            node.put("moneyScale", moneyScale);
            Views.money(node, "balance", outcome.balanceMinor(), moneyScale);
            Views.money(node, "available", outcome.availableMinor(), moneyScale);
            return ApiResponses.json(replayed ? 200 : 201, node);
        });
    }

    // ------------------------------------------------------------------ sessions

    private CompletableFuture<List<SessionView>> sessions(final SubscriberRef subscriber)
    {
        return call(command ->
        {
            command.type = CommandType.LIST_SESSIONS;
            subscriber.fill(command);
        }).thenApply(outcome ->
        {
            if (LedgerResult.NOT_FOUND == outcome.result())
            {
                throw ApiException.notFound("no subscriber " + subscriber);
            }
            requireSuccess(outcome, "subscriber");
            @SuppressWarnings("unchecked")
            final List<SessionView> views = (List<SessionView>)outcome.payload();
            return views;
        });
    }

    private CompletableFuture<ApiResponse> getSessions(final ApiRequest request)
    {
        final SubscriberRef subscriber = SubscriberRef.parse(request.param("subscriber"));
        return sessions(subscriber).thenApply(views ->
        {
            final ObjectNode node = ApiResponses.object();
            final ArrayNode list = node.putArray("sessions");
            for (final SessionView view : views)
            {
                list.add(Views.session(view, moneyScale));
            }
            return ApiResponses.json(200, node);
        });
    }

    private CompletableFuture<ApiResponse> endSession(final ApiRequest request)
    {
        final SubscriberRef subscriber = SubscriberRef.parse(request.param("subscriber"));
        // The session as GET .../sessions shows it (SessionKeyText): a Session-Id, or hex: and a RADIUS key's octets.
        final String session = request.param("session");
        if (session.length() > SessionKeyText.HEX_PREFIX.length() + 2 * LedgerLimits.MAX_SESSION_KEY_LENGTH)
        {
            throw ApiException.badRequest("session", "longer than any session key");
        }
        return sessions(subscriber).thenCompose(views ->
        {
            final byte[] key = views.stream()
                .filter(view -> "open".equals(view.state()) && session.equals(SessionKeyText.of(view.sessionKey())))
                .map(SessionView::sessionKey)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("subscriber " + subscriber + " has no open session '" +
                    session + "'"));
            // The ledger releases the reservations and, once journaled, notifies the protocol side: Diameter ASR,
            // RADIUS Disconnect-Request.
            return call(command ->
            {
                command.type = CommandType.ABORT_SESSION;
                command.sessionKey(key, 0, key.length);
            });
        }).thenApply(outcome ->
        {
            requireSuccess(outcome, "session");
            return ApiResponse.empty(204);
        });
    }

    // ------------------------------------------------------------------ tariffs

    private CompletableFuture<ApiResponse> getTariffs(final ApiRequest request)
    {
        return call(command -> command.type = CommandType.GET_TARIFFS)
            .thenApply(outcome -> ApiResponses.json(200, Views.tariffs((TariffTable)outcome.payload(), moneyScale)));
    }

    private CompletableFuture<ApiResponse> putTariffs(final ApiRequest request)
    {
        final ObjectNode body = Fields.body(request);
        // "version" is what GET returns beside the tariffs; it is ignored so a GET can be edited and PUT back.
        Fields.allowOnly(body, "", Set.of("tariffs", "version"));
        final JsonNode tariffs = body.get("tariffs");
        if (null == tariffs || !tariffs.isArray() || tariffs.isEmpty())
        {
            throw ApiException.badRequest("tariffs", "a non-empty list of tariffs is required");
        }
        final ObjectNode document = ApiResponses.object();
        document.set("tariffs", tariffs);
        final List<TariffConfiguration> parsed = parseTariffs(document.toString().getBytes(StandardCharsets.UTF_8));
        final TariffTable table = TariffMapper.toTable(parsed, Instant.ofEpochMilli(clock.time()));
        return call(command ->
        {
            command.type = CommandType.SET_TARIFFS;
            command.payload = table;
        }).thenCompose(outcome ->
        {
            requireSuccess(outcome, "tariffs");
            LOG.info("tariffs replaced through the admin API: {} tariffs", parsed.size());
            return readAfterWrite(command -> command.type = CommandType.GET_TARIFFS);
        }).thenApply(outcome ->
        {
            final TariffTable journaled = (TariffTable)outcome.payload();
            tariffsChanged.accept(journaled);
            return ApiResponses.json(200, Views.tariffs(journaled, moneyScale));
        });
    }

    /**
     * The tariffs are validated by the configuration module with every rule of {@code docs/configuration.md}:
     * the body is JSON, which is YAML, read as a configuration holding only {@code tariffs}.
     */
    private List<TariffConfiguration> parseTariffs(final byte[] json)
    {
        try
        {
            return ConfigurationLoader.fromYaml(new String(json, StandardCharsets.UTF_8), "request body", Map.of(),
                List.of("ledger.money-scale=" + moneyScale)).tariffs();
        }
        catch (final ConfigurationException ex)
        {
            final List<ConfigurationProblem> problems = ex.problems();
            final StringBuilder message = new StringBuilder();
            for (final ConfigurationProblem problem : problems)
            {
                message.append(message.length() > 0 ? "; " : "").append(problem.message());
            }
            throw new ApiException(400, problems.isEmpty() ? "tariffs" : problems.get(0).keyPath(),
                message.toString());
        }
    }

    // ------------------------------------------------------------------ import

    private CompletableFuture<ApiResponse> importSubscribers(final ApiRequest request)
    {
        if (!importRunning.compareAndSet(false, true))
        {
            throw new ApiException(409, null, "an import is running; try again when it has finished");
        }
        final CompletableFuture<ApiResponse> response = new CompletableFuture<>();
        final Executor executor = importer;
        executor.execute(() ->
        {
            ApiResponse answer = null;
            Throwable failure = null;
            try
            {
                answer = importNow(request.body());
            }
            catch (final ImportFormatException ex)
            {
                answer = ApiResponses.error(400, "body", ex.getMessage());
            }
            catch (final IOException | RuntimeException ex)
            {
                failure = ex;
            }
            // Free the slot before answering: a client that sends its next import on the answer must not get 409.
            importRunning.set(false);
            if (null != failure)
            {
                response.completeExceptionally(failure);
            }
            else
            {
                response.complete(answer);
            }
        });
        return response;
    }

    private ApiResponse importNow(final byte[] body) throws IOException
    {
        SubscriberImporter.requireUtf8(new ByteArrayInputStream(body));
        final ArrayNode problems = ApiResponses.MAPPER.createArrayNode();
        final SubscriberImporter.Report report = new SubscriberImporter(ledger, clock, moneyScale).run(
            new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)),
            problem ->
            {
                if (problems.size() < MAX_REPORTED_PROBLEMS)
                {
                    problems.addObject().put("line", problem.line()).put("reason", problem.reason());
                }
            });
        final ObjectNode node = ApiResponses.object()
            .put("rows", report.rows())
            .put("created", report.created())
            .put("existing", report.existing())
            .put("rejected", report.rejected())
            .put("durationMs", report.durationMs())
            .put("problemsTruncated", report.rejected() > problems.size());
        node.set("problems", problems);
        return ApiResponses.json(200, node);
    }
}
