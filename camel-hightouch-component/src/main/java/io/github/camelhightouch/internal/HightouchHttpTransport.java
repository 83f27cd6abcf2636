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
package io.github.camelhightouch.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport of one Hightouch component: a private camel-http component whose single pooled connection
 * manager is shared by every endpoint of the Hightouch component. HttpClient's own retries and redirects are off: the
 * component owns the retry policy, and a redirect must never carry the API key elsewhere.
 */
public final class HightouchHttpTransport extends ServiceSupport {

    private static final String WIRE_LOG = "org.apache.hc.client5.http.wire";
    /** A URL that Camel's endpoint URI handling leaves as it is: no query, no escapes, no spaces. */
    private static final Pattern PLAIN_URL = Pattern.compile("https?://[A-Za-z0-9._~:/-]+");

    private final CamelContext camelContext;
    private final int maxConnections;
    private SharedPoolHttpComponent http;

    public HightouchHttpTransport(CamelContext camelContext, int maxConnections) {
        this.camelContext = camelContext;
        this.maxConnections = maxConnections;
    }

    /**
     * A client for one base URL, API key and pair of timeouts, on the shared connection pool.
     */
    public HightouchHttpClient newClient(HightouchOrigin origin, String apiKey, long connectTimeout, long responseTimeout)
            throws Exception {
        return newClient(origin, origin.baseUrl(), apiKey, connectTimeout, responseTimeout);
    }

    /**
     * A client for one base URL, API key and pair of timeouts, on the shared connection pool, whose camel-http
     * endpoint points at the URL most of its calls go to: camel-http sends those on its precomputed URL, without
     * parsing a per-request URI header.
     *
     * @param usualUrl the URL of the endpoint's operation (a URL with a query or escapes is not used for this)
     */
    public HightouchHttpClient newClient(HightouchOrigin origin, String usualUrl, String apiKey, long connectTimeout,
                                         long responseTimeout)
            throws Exception {
        if (!isStarted()) {
            throw new IllegalStateException("The Hightouch HTTP transport is not started");
        }
        String address = usualUrl != null && usualUrl.startsWith(origin.baseUrl()) && PLAIN_URL.matcher(usualUrl).matches()
                ? usualUrl : origin.baseUrl();
        // the key never goes into this URI: it is set per request on a private exchange
        String uri = address + "?throwExceptionOnFailure=false&followRedirects=false"
                     + "&connectTimeout=" + connectTimeout + "&responseTimeout=" + responseTimeout
                     + "&connectionRequestTimeout=" + Math.max(connectTimeout, responseTimeout);
        HttpEndpoint endpoint = (HttpEndpoint) http.createEndpoint(uri);
        endpoint.setHttpClientConfigurer(new BearerAuthorization(apiKey));
        return new HightouchHttpClient(endpoint);
    }

    @Override
    protected void doStart() throws Exception {
        if (LoggerFactory.getLogger(WIRE_LOG).isDebugEnabled()) {
            // HttpClient's wire log prints every byte sent, the Authorization header included
            throw new IllegalStateException("The logger " + WIRE_LOG + " is at DEBUG: HttpClient would print the Hightouch "
                                            + "API key with every request. Set it to INFO or higher.");
        }
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
     * camel-http builds the pool (TLS set-up included) the same way it does for its own endpoints.
     */
    private static final class SharedPoolHttpComponent extends HttpComponent {
        HttpClientConnectionManager createSharedPool() throws Exception {
            Map<String, Object> none = new HashMap<>();
            return createConnectionManager(none, getSslContextParameters() != null
                    ? getSslContextParameters() : retrieveGlobalSslContextParameters(), new HashMap<>());
        }
    }
}
