package io.gyro.simulator.verify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Reads balances from the server's admin API: {@code GET {base}/api/v1/subscribers/{msisdn}} with
 * {@code Authorization: Bearer <token>}; 200 with a JSON body holding {@code balanceMinor}, {@code reservedMinor},
 * {@code availableMinor} and {@code moneyScale}, 404 for an unknown subscriber. Uses the JDK HTTP client and reads
 * the few numeric fields with {@link JsonFields} rather than a JSON library (off the hot path, four fields).
 */
public final class HttpBalanceSource implements BalanceSource
{
    /** Per-request timeout: a local admin API answers in milliseconds; this only stops a hung run. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final URI base;
    private final String token;

    /**
     * @param base  admin API base, e.g. {@code http://127.0.0.1:8080}.
     * @param token bearer token, or null to send none.
     */
    public HttpBalanceSource(final URI base, final String token)
    {
        this.client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        final String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token;
    }

    private HttpRequest request(final String msisdn)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/api/v1/subscribers/" + msisdn))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .GET();
        if (null != token && !token.isEmpty())
        {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    static SubscriberBalance parse(final String msisdn, final int status, final String body) throws IOException
    {
        if (404 == status)
        {
            return null;
        }
        if (200 != status)
        {
            throw new IOException("admin API answered " + status + " for subscriber " + msisdn + ": " +
                (body.length() > 200 ? body.substring(0, 200) : body));
        }
        final long balance = JsonFields.longField(body, "balanceMinor");
        final long reserved = JsonFields.longField(body, "reservedMinor");
        final long available = JsonFields.longField(body, "availableMinor");
        final long scale = JsonFields.longField(body, "moneyScale");
        if (Long.MIN_VALUE == balance || Long.MIN_VALUE == reserved)
        {
            throw new IOException("admin API answer for " + msisdn + " lacks balanceMinor or reservedMinor: " + body);
        }
        return new SubscriberBalance(balance, reserved, Long.MIN_VALUE == available ? balance - reserved : available,
            Long.MIN_VALUE == scale ? -1 : (int)scale);
    }

    @Override
    public SubscriberBalance balance(final String msisdn) throws IOException
    {
        try
        {
            final HttpResponse<String> response = client.send(request(msisdn), HttpResponse.BodyHandlers.ofString());
            return parse(msisdn, response.statusCode(), response.body());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading " + msisdn, ex);
        }
    }

    @Override
    public SubscriberBalance[] balances(final List<String> msisdns, final int concurrency) throws IOException
    {
        final Semaphore permits = new Semaphore(concurrency);
        final List<CompletableFuture<SubscriberBalance>> futures = new ArrayList<>(msisdns.size());
        try
        {
            for (final String msisdn : msisdns)
            {
                permits.acquire();
                futures.add(client.sendAsync(request(msisdn), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> permits.release())
                    .thenApply(response ->
                    {
                        try
                        {
                            return parse(msisdn, response.statusCode(), response.body());
                        }
                        catch (final IOException ex)
                        {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    }));
            }
            final SubscriberBalance[] out = new SubscriberBalance[msisdns.size()];
            for (int i = 0; i < out.length; i++)
            {
                out[i] = futures.get(i).get();
            }
            return out;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading balances", ex);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause() instanceof java.io.UncheckedIOException unchecked ?
                unchecked.getCause() : ex.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }
}
