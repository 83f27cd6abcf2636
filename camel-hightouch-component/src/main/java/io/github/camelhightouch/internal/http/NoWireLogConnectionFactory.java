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
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.impl.io.DefaultHttpResponseParserFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.core5.http.config.CharCodingConfig;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriterFactory;
import org.apache.hc.core5.http.impl.io.NoResponseOutOfOrderStrategy;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the component's HTTP connections: {@link NoWireLogConnection}s, which never write to HttpClient's wire log
 * ({@value NoWireLogConnection#WIRE_LOG}) and mask credentials in its header log, configured as HttpClient's default
 * connection factory configures its own (default HTTP/1.1 and char coding settings, HttpClient's response parser).
 * <p>
 * {@link #newPool} builds the pool camel-http would build, with these connections.
 */
public final class NoWireLogConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {

    private static final Logger LOG = LoggerFactory.getLogger(NoWireLogConnectionFactory.class);
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Http1Config http1Config = Http1Config.DEFAULT;
    private final CharCodingConfig charCodingConfig = CharCodingConfig.DEFAULT;
    private final DefaultHttpRequestWriterFactory requestWriterFactory = new DefaultHttpRequestWriterFactory(http1Config);
    private final DefaultHttpResponseParserFactory responseParserFactory = new DefaultHttpResponseParserFactory(http1Config);

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        CharsetDecoder decoder = null;
        CharsetEncoder encoder = null;
        Charset charset = charCodingConfig.getCharset();
        if (charset != null) {
            CodingErrorAction malformed = charCodingConfig.getMalformedInputAction() != null
                    ? charCodingConfig.getMalformedInputAction() : CodingErrorAction.REPORT;
            CodingErrorAction unmappable = charCodingConfig.getUnmappableInputAction() != null
                    ? charCodingConfig.getUnmappableInputAction() : CodingErrorAction.REPORT;
            decoder = charset.newDecoder().onMalformedInput(malformed).onUnmappableCharacter(unmappable);
            encoder = charset.newEncoder().onMalformedInput(malformed).onUnmappableCharacter(unmappable);
        }
        NoWireLogConnection connection = new NoWireLogConnection("hightouch-outgoing-" + COUNTER.getAndIncrement(),
                decoder, encoder, http1Config, DefaultContentLengthStrategy.INSTANCE, DefaultContentLengthStrategy.INSTANCE,
                NoResponseOutOfOrderStrategy.INSTANCE, requestWriterFactory, responseParserFactory);
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    /**
     * The pool camel-http's {@code HttpComponent.createConnectionManager(Registry, int, int, SocketConfig)} builds
     * (strict concurrency, LIFO reuse, the component's connection time to live; a total or per-route maximum of 0
     * means the component's), made of {@link NoWireLogConnection}s.
     */
    @SuppressWarnings("deprecation") // camel-http hands over a registry of ConnectionSocketFactory
    public static HttpClientConnectionManager newPool(HttpComponent component, Registry<ConnectionSocketFactory> registry,
                                                      int maxTotal, int perRoute, SocketConfig socketConfig) {
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(registry,
                PoolConcurrencyPolicy.STRICT, PoolReusePolicy.LIFO,
                TimeValue.ofMilliseconds(component.getConnectionTimeToLive()), new NoWireLogConnectionFactory());
        int total = maxTotal != 0 ? maxTotal : component.getMaxTotalConnections();
        if (total > 0) {
            pool.setMaxTotal(total);
        }
        pool.setDefaultSocketConfig(socketConfig);
        int route = perRoute != 0 ? perRoute : component.getConnectionsPerRoute();
        if (route > 0) {
            pool.setDefaultMaxPerRoute(route);
        }
        LOG.debug("Created ClientConnectionManager {} (connections not wire-logged)", pool);
        return pool;
    }

    /**
     * Logs one WARN when HttpClient's wire log is at DEBUG: the application may want it, but the component's
     * connections stay out of it.
     */
    public static void warnIfWireLogIsOn() {
        if (LoggerFactory.getLogger(NoWireLogConnection.WIRE_LOG).isDebugEnabled()) {
            LOG.warn("The logger {} is at DEBUG, but the Hightouch component's HTTP connections do not write to it: "
                     + "HttpClient's wire log prints every byte sent, the API key in the Authorization header "
                     + "included. Other HttpClient connections of the application are wire-logged as configured.",
                    NoWireLogConnection.WIRE_LOG);
        }
    }
}
