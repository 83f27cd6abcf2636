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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.ConnPoolControl;
import org.apache.hc.core5.pool.PoolStats;

/**
 * The HTTP transport of one Hightouch component: a private camel-http component whose single pooled connection
 * manager is shared by every endpoint of the Hightouch component. HttpClient's own retries and redirects are off: the
 * component owns the retry policy, and a redirect must never carry the API key elsewhere.
 */
public final class HttpTransport extends ServiceSupport {

    private final CamelContext camelContext;
    private final int maxConnections;
    private SharedPoolHttpComponent http;

    public HttpTransport(CamelContext camelContext, int maxConnections) {
        this.camelContext = camelContext;
        this.maxConnections = maxConnections;
    }

    /**
     * A sender for one origin, API key and pair of timeouts, on the shared connection pool; start it before use.
     */
    public RequestSender newSender(HightouchOrigin origin, String apiKey, long connectTimeout, long responseTimeout)
            throws Exception {
        return newSender(origin, List.of(apiKey), new BearerAuthorization(apiKey), connectTimeout, responseTimeout);
    }

    /**
     * A sender for the Events API origin: HTTP Basic with the write key as user and an empty password, on the shared
     * connection pool; start it before use. The write key goes only to this origin, and the REST API key never does.
     */
    public RequestSender newEventsSender(HightouchOrigin origin, String writeKey, long connectTimeout,
                                         long responseTimeout)
            throws Exception {
        // the Basic credentials decode to the key: an answer echoing the header is masked of them too
        return newSender(origin, List.of(writeKey, BasicAuthorization.credentials(writeKey)),
                new BasicAuthorization(writeKey), connectTimeout, responseTimeout);
    }

    private RequestSender newSender(HightouchOrigin origin, List<String> secrets, HttpClientConfigurer authorization,
                                    long connectTimeout, long responseTimeout)
            throws Exception {
        if (!isStarted()) {
            throw new IllegalStateException("The Hightouch HTTP transport is not started");
        }
        // the key never goes into this URI: the client adds it to each request
        String uri = origin.baseUrl() + "?throwExceptionOnFailure=false&followRedirects=false"
                     + "&connectTimeout=" + connectTimeout + "&responseTimeout=" + responseTimeout
                     + "&connectionRequestTimeout=" + connectTimeout;
        HttpEndpoint endpoint = (HttpEndpoint) http.createEndpoint(uri);
        endpoint.setHttpClientConfigurer(builder -> {
            authorization.configureHttpClient(builder);
            builder.setRequestExecutor(new SendingMarker());
        });
        return new RequestSender(endpoint, origin, secrets, connectTimeout, responseTimeout);
    }

    @Override
    protected void doStart() throws Exception {
        // the pool's connections never write to HttpClient's wire log (it would print the API key): say so once
        NoWireLogConnectionFactory.warnIfWireLogIsOn();
        http = new SharedPoolHttpComponent();
        http.setCamelContext(camelContext);
        http.setAutomaticRetriesDisabled(true);
        http.setRedirectHandlingDisabled(true);
        http.setFollowRedirects(false);
        http.setCookieManagementDisabled(true);
        http.setMaxTotalConnections(maxConnections);
        // every request goes to one host: let one route use the whole pool
        http.setConnectionsPerRoute(maxConnections);
        ServiceHelper.initService(http);
        http.setClientConnectionManager(http.createSharedPool());
        ServiceHelper.startService(http);
    }

    @Override
    protected void doStop() throws Exception {
        // stopping the private component closes the shared connection manager
        ServiceHelper.stopAndShutdownService(http);
        http = null;
    }

    /**
     * The shared pool, for its statistics; null while stopped.
     */
    public HttpClientConnectionManager connectionManager() {
        return http == null ? null : http.getClientConnectionManager();
    }

    /**
     * The pool's figures (connections leased, available, requests pending, the maximum); null while stopped. Reading
     * them takes the pool's lock as briefly as a lease does.
     */
    public PoolStats poolStats() {
        HttpClientConnectionManager manager = connectionManager();
        return manager instanceof ConnPoolControl<?> pool ? pool.getTotalStats() : null;
    }

    /**
     * camel-http builds the pool (TLS set-up included) the same way it does for its own endpoints, of connections that
     * stay out of HttpClient's wire log.
     */
    private static final class SharedPoolHttpComponent extends HttpComponent {
        HttpClientConnectionManager createSharedPool() throws Exception {
            Map<String, Object> none = new HashMap<>();
            return createConnectionManager(none, getSslContextParameters() != null
                    ? getSslContextParameters() : retrieveGlobalSslContextParameters(), new HashMap<>());
        }

        @Override
        @SuppressWarnings("deprecation")
        protected HttpClientConnectionManager createConnectionManager(Registry<ConnectionSocketFactory> registry,
                                                                      int maxTotal, int perRoute, SocketConfig socketConfig) {
            return NoWireLogConnectionFactory.newPool(this, registry, maxTotal, perRoute, socketConfig);
        }
    }
}
