/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.camelhightouch.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Sends one attempt of a {@link HightouchRequest} with the HttpClient that camel-http configured for one endpoint
 * (shared pool, TLS and proxy settings, the endpoint's timeouts), and the API key added by that client. The request
 * goes to this sender's origin whatever its URI says, with the method, body and headers of the request value and
 * nothing else: no Camel message is involved, so no message header can change it.
 */
public final class RequestSender extends ServiceSupport {

    /** A larger answer is not read: Hightouch's largest pages are far smaller. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    /**
     * The largest Content-Length trusted to size the array before anything arrived: a server may declare far more
     * than it sends, and every Hightouch answer under this is read into one array of its size.
     */
    static final int MAX_PRESIZED_BYTES = 1024 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final String ACCEPT = "application/json";
    /** Without a charset parameter: JSON is UTF-8 by definition, and this is what Hightouch documents. */
    private static final ContentType JSON = ContentType.create("application/json");

    private final HttpEndpoint endpoint;
    private final HightouchOrigin origin;
    private final long connectTimeout;
    private final long responseTimeout;
    private final RequestConfig defaults;
    private final List<byte[]> secrets;
    private HttpClient client;

    RequestSender(HttpEndpoint endpoint, HightouchOrigin origin, List<String> secrets, long connectTimeout,
                  long responseTimeout) {
        this.endpoint = endpoint;
        this.secrets = secrets.stream().map(key -> key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
        this.origin = origin;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.defaults = config(connectTimeout, responseTimeout);
    }

    /**
     * Sends one attempt and reads the whole answer, whatever its status, on the calling thread. It ends by the
     * deadline at the latest: the attempt's timeouts are cut to the time left, and {@code started} gets the
     * {@link InFlight} that can abort it from elsewhere.
     *
     * @param deadline the {@link System#nanoTime()} by which the attempt must end
     * @throws SendFailure no answer: connection, TLS, timeout, reset, abort, or a broken or oversized answer
     */
    public HttpAnswer send(HightouchRequest request, long deadline, Consumer<InFlight> started) throws SendFailure {
        HttpClient httpClient = client;
        if (httpClient == null) {
            throw new SendFailure(new IllegalStateException("the Hightouch HTTP client is stopped"), false);
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SendFailure(new TimeoutException("no time left to send the request"), false);
        }
        HttpUriRequestBase http = new HttpUriRequestBase(request.method().name(), request.uri());
        http.setConfig(left >= Math.max(connectTimeout, responseTimeout) ? defaults
                : config(Math.min(connectTimeout, left), Math.min(responseTimeout, left)));
        http.setHeader("Accept", ACCEPT);
        for (ExtraHeaders.Header header : request.headers()) {
            http.addHeader(header.name(), header.value());
        }
        if (request.body() != null) {
            http.setEntity(new ByteArrayEntity(request.body(),
                    request.contentType() == null ? JSON : RequestContentType.parse(request.contentType())));
        }
        InFlight inFlight = new InFlight(http);
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(SendingMarker.IN_FLIGHT, inFlight);
        started.accept(inFlight);
        try {
            return httpClient.execute(origin.httpHost(), http, context, response -> {
                Header retryAfter = response.getFirstHeader("Retry-After");
                return new HttpAnswer(response.getCode(), masked(read(response.getEntity())),
                        retryAfter == null ? null : retryAfter.getValue(), 1);
            });
        } catch (IOException | RuntimeException e) {
            throw new SendFailure(e, inFlight.mayHaveBeenSent());
        }
    }

    /** The answer with every secret of this sender masked. */
    private byte[] masked(byte[] body) {
        byte[] masked = body;
        for (byte[] secret : secrets) {
            masked = SecretMask.mask(masked, secret);
        }
        return masked;
    }

    /** The whole answer, refused when larger than {@link #MAX_RESPONSE_BYTES}. */
    static byte[] read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return EMPTY;
        }
        long declared = entity.getContentLength();
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return EMPTY;
            }
            byte[] bytes = declared >= 0 && declared <= MAX_PRESIZED_BYTES
                    ? readDeclared(in, (int) declared) : in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new IOException("the answer is larger than " + MAX_RESPONSE_BYTES + " bytes; it was not read");
            }
            return bytes;
        }
    }

    /**
     * An answer with a Content-Length of at most {@link #MAX_PRESIZED_BYTES} goes into one array of that size
     * (readNBytes would fill an 8 KB buffer and copy it for every small answer); whatever a wrong length leaves behind
     * is still read, up to the limit.
     */
    private static byte[] readDeclared(InputStream in, int declared) throws IOException {
        byte[] bytes = declared == 0 ? EMPTY : new byte[declared];
        int n = in.readNBytes(bytes, 0, declared);
        if (n < declared) {
            return Arrays.copyOf(bytes, n);
        }
        int next = in.read();
        if (next < 0) {
            return bytes;
        }
        byte[] rest = in.readNBytes(MAX_RESPONSE_BYTES - declared);
        byte[] all = Arrays.copyOf(bytes, declared + 1 + rest.length);
        all[declared] = (byte) next;
        System.arraycopy(rest, 0, all, declared + 1, rest.length);
        return all;
    }

    @SuppressWarnings("deprecation")
    private static RequestConfig config(long connectMillis, long responseMillis) {
        // HttpClient's connect timeout per request still wins over the pool's; the lease waits no longer than a connect
        return RequestConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(connectMillis))
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(connectMillis))
                .setResponseTimeout(Timeout.ofMilliseconds(responseMillis))
                .setRedirectsEnabled(false)
                .setCircularRedirectsAllowed(false)
                .setExpectContinueEnabled(false)
                .build();
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(endpoint);
        client = endpoint.getHttpClient();
    }

    @Override
    protected void doStop() throws Exception {
        client = null;
        ServiceHelper.stopAndShutdownService(endpoint);
    }

    @Override
    public String toString() {
        return "RequestSender[" + origin + "]";
    }
}
