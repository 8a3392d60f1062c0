package io.gyro.server.admin;

import io.gyro.config.ConfigurationLoader;
import io.gyro.config.model.GyroConfiguration;
import io.gyro.server.ledger.LedgerGateway;
import io.gyro.server.metrics.GyroMetrics;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document and the server agree: every route the server serves is described, with its method, and
 * the document describes nothing the server does not serve; open routes are exactly those the document marks
 * {@code security: []}.
 */
class OpenApiContractTest
{
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    @SuppressWarnings("unchecked")
    void shouldDescribeEveryServedRouteAndNothingElse() throws Exception
    {
        final Map<String, Object> document;
        try (InputStream in = AdminApi.class.getResourceAsStream(AdminApi.OPENAPI_RESOURCE))
        {
            assertNotNull(in, AdminApi.OPENAPI_RESOURCE);
            document = new Yaml().load(in);
        }
        assertTrue(String.valueOf(document.get("openapi")).startsWith("3."));
        final Set<String> documented = new TreeSet<>();
        final Set<String> documentedOpen = new TreeSet<>();
        final Map<String, Object> paths = (Map<String, Object>)document.get("paths");
        for (final Map.Entry<String, Object> path : paths.entrySet())
        {
            for (final Map.Entry<String, Object> operation : ((Map<String, Object>)path.getValue()).entrySet())
            {
                if (!METHODS.contains(operation.getKey()))
                {
                    continue;
                }
                final String route = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                documented.add(route);
                final Object security = ((Map<String, Object>)operation.getValue()).get("security");
                if (security instanceof List<?> list && list.isEmpty())
                {
                    documentedOpen.add(route);
                }
            }
        }

        final Set<String> served = new TreeSet<>();
        final Set<String> servedOpen = new TreeSet<>();
        try (AdminApi api = api())
        {
            for (final Router.Route route : api.router().routes())
            {
                final String key = route.method() + " " + route.template();
                served.add(key);
                if (route.open())
                {
                    servedOpen.add(key);
                }
            }
        }
        assertEquals(served, documented, "served routes vs the OpenAPI document");
        assertEquals(servedOpen, documentedOpen, "routes without a token vs security: [] in the document");
    }

    static AdminApi api()
    {
        final GyroConfiguration configuration = ConfigurationLoader.load(Path.of("..", "config", "gyro.yaml"),
            Map.of(), List.of("admin.port=0", "admin.token=contract-test-token-0123"));
        final LedgerGateway ledger = new LedgerGateway(0.75, 0.5);
        return new AdminApi(ledger, configuration, SystemEpochClock.INSTANCE, new GyroMetrics(), () -> true,
            tariffs -> { });
    }
}
