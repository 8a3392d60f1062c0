package io.gyro.simulator.verify;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API client against a JDK HTTP server on loopback that plays the admin API. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpBalanceSourceTest
{
    private HttpServer server;
    private final AtomicInteger unauthorised = new AtomicInteger();

    @BeforeEach
    void start() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/subscribers/", exchange ->
        {
            final String msisdn = exchange.getRequestURI().getPath().substring("/api/v1/subscribers/".length());
            final int status;
            final String body;
            if (!"Bearer t0ken".equals(exchange.getRequestHeaders().getFirst("Authorization")))
            {
                unauthorised.incrementAndGet();
                status = 401;
                body = "{\"error\":\"unauthorised\"}";
            }
            else if (msisdn.startsWith("4917"))
            {
                final long index = Long.parseLong(msisdn) - 491_700_000_000L;
                status = 200;
                body = "{\"msisdn\":\"" + msisdn + "\",\"balanceMinor\":" + (1_000_000 - index) +
                    ",\"reservedMinor\":" + index + ",\"availableMinor\":" + (1_000_000 - 2 * index) +
                    ",\"moneyScale\":4}";
            }
            else
            {
                status = 404;
                body = "{\"error\":\"not found\"}";
            }
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop()
    {
        server.stop(0);
    }

    private URI base()
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void shouldReadBalancesWithTheBearerToken() throws IOException
    {
        final HttpBalanceSource source = new HttpBalanceSource(base(), "t0ken");
        final SubscriberBalance balance = source.balance("491700000007");
        assertEquals(new SubscriberBalance(999_993, 7, 999_986, 4), balance);
        assertNull(source.balance("111"), "404: unknown subscriber");
    }

    @Test
    void shouldReadManyBalancesConcurrentlyInOrder() throws IOException
    {
        final HttpBalanceSource source = new HttpBalanceSource(URI.create(base() + "/"), "t0ken");
        final SubscriberBalance[] balances =
            source.balances(List.of("491700000001", "999", "491700000003", "491700000002"), 3);
        assertEquals(999_999, balances[0].balanceMinor());
        assertNull(balances[1]);
        assertEquals(3, balances[2].reservedMinor());
        assertEquals(999_998, balances[3].balanceMinor());
    }

    @Test
    void shouldFailOnAnythingButOkOrNotFound()
    {
        final HttpBalanceSource source = new HttpBalanceSource(base(), "wrong");
        final IOException error = assertThrows(IOException.class, () -> source.balance("491700000001"));
        assertTrue(error.getMessage().contains("401"), error.getMessage());
        assertThrows(IOException.class, () -> source.balances(List.of("491700000001"), 2));
        assertTrue(unauthorised.get() >= 2);
    }
}
