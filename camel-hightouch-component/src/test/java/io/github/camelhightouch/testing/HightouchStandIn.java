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
package io.github.camelhightouch.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.HightouchComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A local Hightouch stand-in for tests: a WireMock server on 127.0.0.1 (dynamic port) serving below
 * {@value OpenApiContract#BASE_PATH}, and a {@code hightouch} component pointed at it with a recognizable test API
 * key.
 * <p>
 * The contract check: after each test, every request the server received is validated against Hightouch's OpenAPI
 * description ({@link OpenApiContract}); a request that violates it fails the test. A test that deliberately sends
 * a request the description does not have (a raw PUT, an array body) names it with
 * {@link #allowOffContract(String, String)}.
 * <p>
 * Register it as a static field: {@code @RegisterExtension static final HightouchStandIn HIGHTOUCH = new
 * HightouchStandIn();}. The server starts once per test class; stubs and received requests are reset before each
 * test. {@link #serverPerTest()} gives each test a server of its own instead, for tests that stop it or leave
 * responses in flight (delays, faults) that must not reach the next test.
 * <p>
 * Camel contexts made by {@link #newContext()} are closed after each test, before the contract check, so that
 * nothing they still do reaches the server unchecked. A test shapes answers in code with
 * {@link #transformWith(ResponseDefinitionTransformerV2)}.
 */
public final class HightouchStandIn implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The part of the test API key that must never be seen outside the Authorization header. */
    public static final String API_KEY_SECRET = "5f3a9c2e71d04b86";

    /** The API key the component is configured with. */
    public static final String API_KEY = "ht-test-key-" + API_KEY_SECRET;

    /** The part of the test Events API write key that must never be seen outside the events Authorization header. */
    public static final String WRITE_KEY_SECRET = "9d41be07c3a25f68";

    /** The Events API write key the component is configured with. */
    public static final String WRITE_KEY = "wk-test-" + WRITE_KEY_SECRET;

    /** The name under which a stub uses the transformer of the current test: see {@link #transformWith}. */
    public static final String TEST_TRANSFORMER = "hightouch-test-transformer";

    private static final Logger LOG = LoggerFactory.getLogger(HightouchStandIn.class);

    private final Set<String> allowedOffContract = Collections.synchronizedSet(new HashSet<>());
    private final List<Consumer<HightouchComponent>> componentSettings = new ArrayList<>();
    private final List<CamelContext> contexts = Collections.synchronizedList(new ArrayList<>());
    private final DelegatingTransformer transformer = new DelegatingTransformer();
    private final EventsStandIn events = new EventsStandIn(WRITE_KEY);
    private boolean serverPerTest;
    private boolean strictQuery;
    private WireMockServer server;

    /**
     * Gives each test a server of its own, started before and stopped after it, instead of one per test class.
     */
    public HightouchStandIn serverPerTest() {
        this.serverPerTest = true;
        return this;
    }

    /**
     * Also fails a test whose requests carry a query parameter their operation does not declare (the OpenAPI
     * validator ignores those by default): a list operation must send only the filters Hightouch documents for it.
     */
    public HightouchStandIn strictQuery() {
        this.strictQuery = true;
        return this;
    }

    /**
     * Components made by this stand-in retry after 1 ms and at most 50 ms apart: the same retry policy, with waits
     * short enough for suites that retry a lot.
     */
    public HightouchStandIn fastRetries() {
        componentSettings.add(component -> {
            component.getConfiguration().setRetryBaseDelay(1);
            component.getConfiguration().setMaxRetryDelay(50);
        });
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!serverPerTest) {
            startServer();
        }
        // parse the description now, not inside the first test
        OpenApiContract.latest();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (serverPerTest) {
            startServer();
        } else {
            server.resetAll();
        }
        allowedOffContract.clear();
        transformer.delegate = null;
        stubEvents();
    }

    /** The Events API paths answer through {@link EventsStandIn}, below any stub a test adds. */
    private void stubEvents() {
        events.reset();
        server.stubFor(WireMock.post(WireMock.urlPathMatching("/v1/(batch|track|identify|page|screen|group|alias)"))
                .atPriority(1000).willReturn(WireMock.aResponse().withTransformers(EventsStandIn.NAME)));
    }

    /**
     * The Events API of the stand-in, at {@link #eventsUrl()}: what it received, and how the current test wants it
     * to answer.
     */
    public EventsStandIn events() {
        return events;
    }

    /** The events URL the component is configured with: the stand-in's origin (events are below /v1). */
    public String eventsUrl() {
        return origin();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            closeContexts();
            assertRequestsMatchContract();
        } finally {
            transformer.delegate = null;
            if (serverPerTest) {
                stopServer();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopServer();
    }

    private void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(40)
                .jettyAcceptors(2).extensions(transformer, events).notifier(new MaskingNotifier()));
        server.start();
    }

    private void stopServer() {
        if (server != null) {
            if (server.isRunning()) {
                server.stop();
            }
            server = null;
        }
    }

    private void closeContexts() throws Exception {
        List<CamelContext> made;
        synchronized (contexts) {
            made = new ArrayList<>(contexts);
            contexts.clear();
        }
        Collections.reverse(made);
        for (CamelContext context : made) {
            context.close();
        }
    }

    /** The WireMock server, for stubbing and verifying. */
    public WireMockServer server() {
        return server;
    }

    /** The server's port. */
    public int port() {
        return server.port();
    }

    /** The origin of the stand-in, http://127.0.0.1:port. */
    public String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The base URL the component is configured with: http://127.0.0.1:port/api/v1. */
    public String baseUrl() {
        return origin() + OpenApiContract.BASE_PATH;
    }

    /** A new hightouch component with the test API key and the stand-in's base URL. */
    public HightouchComponent newComponent() {
        HightouchComponent component = new HightouchComponent();
        component.getConfiguration().setApiKey(API_KEY);
        component.getConfiguration().setBaseUrl(baseUrl());
        component.getConfiguration().setWriteKey(WRITE_KEY);
        component.getConfiguration().setEventsUrl(eventsUrl());
        componentSettings.forEach(settings -> settings.accept(component));
        return component;
    }

    /** Adds a new {@link #newComponent() component} to the context under the name hightouch. */
    public void configure(CamelContext context) {
        context.addComponent("hightouch", newComponent());
    }

    /**
     * A plain Camel context, not started, with a new {@link #newComponent() component} under the name hightouch. It is
     * closed after the test (if the test did not close it), before the contract check.
     */
    public CamelContext newContext() {
        CamelContext context = new DefaultCamelContext();
        configure(context);
        contexts.add(context);
        return context;
    }

    /**
     * Lets stubs of the current test answer through the transformer: a stub names it with
     * {@code aResponse().withTransformers(HIGHTOUCH.transformWith(transformer))}. Forgotten after the test.
     *
     * @return {@value #TEST_TRANSFORMER}, the name to give the stubs
     */
    public String transformWith(ResponseDefinitionTransformerV2 delegate) {
        transformer.delegate = delegate;
        return TEST_TRANSFORMER;
    }

    /**
     * Sends the body with message headers (InOut) and returns the exchange, failed or not, after checking that the API
     * key is in none of its headers, properties or exception.
     */
    public static Exchange send(ProducerTemplate template, String uri, Object body, Map<String, Object> headers) {
        Exchange exchange = template.send(uri, ExchangePattern.InOut, e -> {
            e.getMessage().setBody(body);
            headers.forEach(e.getMessage()::setHeader);
        });
        ApiKeyLeaks.assertNotIn(exchange, API_KEY_SECRET);
        return exchange;
    }

    /** Every request received since the test started, oldest first. */
    public List<LoggedRequest> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events);
        return events.stream().map(ServeEvent::getRequest).collect(Collectors.toList());
    }

    /**
     * Lets the current test send one request the description does not have; other requests, and this one in other
     * tests, are still checked.
     *
     * @param method the HTTP method
     * @param path   the path, without query, as received (e.g. /api/v1/sources/42)
     */
    public void allowOffContract(String method, String path) {
        allowedOffContract.add(method + " " + path);
    }

    /**
     * Each received request that violates the contract, with its problems; empty when all conform.
     */
    public List<String> contractViolations() {
        OpenApiContract contract = OpenApiContract.latest();
        List<String> violations = new ArrayList<>();
        for (LoggedRequest request : requests()) {
            String path = OpenApiContract.pathOf(request.getUrl());
            String keyProblem = keyProblem(request, path);
            if (keyProblem != null) {
                violations.add(request.getMethod().getName() + " " + path + ": " + keyProblem);
                continue;
            }
            if (isEventsPath(path)) {
                // the Events API is not in the OpenAPI description: EventsStandIn checks it
                continue;
            }
            if (allowedOffContract.contains(request.getMethod().getName() + " " + path)) {
                continue;
            }
            List<String> problems = new ArrayList<>(contract.violations(request));
            if (strictQuery) {
                problems.addAll(contract.undeclaredQueryParameters(request));
            }
            if (!problems.isEmpty()) {
                violations.add(request.getMethod().getName() + " " + request.getUrl() + ": " + String.join("; ", problems));
            }
        }
        return violations;
    }

    private static boolean isEventsPath(String path) {
        return path.startsWith("/v1/");
    }

    /**
     * Each key goes to its own API only: the write key never in a REST request, the API key never in an events
     * request (anywhere in the URL, headers or body), and each API only with its own scheme.
     */
    private static String keyProblem(LoggedRequest request, String path) {
        boolean events = isEventsPath(path);
        String forbidden = events ? API_KEY_SECRET : WRITE_KEY_SECRET;
        String text = request.getAbsoluteUrl() + "\n" + request.getHeaders() + "\n" + request.getBodyAsString();
        if (text.contains(forbidden)) {
            return events ? "the REST API key was sent to the Events API" : "the events write key was sent to the REST API";
        }
        String authorization = request.getHeader("Authorization");
        if (events && authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6)) {
            return "an events request carries a Bearer token";
        }
        if (!events && authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5)) {
            return "a REST request carries Basic credentials";
        }
        return null;
    }

    /**
     * Each received request with a query parameter its operation does not declare, with the parameters; empty when
     * there is none. Checked after each test with {@link #strictQuery()}; callable in any test.
     */
    public List<String> undeclaredQueryParameters() {
        OpenApiContract contract = OpenApiContract.latest();
        List<String> found = new ArrayList<>();
        for (LoggedRequest request : requests()) {
            List<String> undeclared = contract.undeclaredQueryParameters(request);
            if (!undeclared.isEmpty()) {
                found.add(request.getMethod().getName() + " " + request.getUrl() + ": " + String.join("; ", undeclared));
            }
        }
        return found;
    }

    /**
     * Fails when a received request violates the contract.
     */
    public void assertRequestsMatchContract() {
        List<String> violations = contractViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError("Requests that violate Hightouch's OpenAPI description ("
                                     + OpenApiContract.SPEC_RESOURCE + "):\n" + String.join("\n", violations));
        }
    }

    /** Forgets the requests received so far (they are no longer checked). */
    public void forgetRequests() {
        server.resetRequests();
    }

    /**
     * The one transformer registered with the server (WireMock takes extensions only at start): hands each response a
     * stub asked it for to the current test's transformer.
     */
    private static final class DelegatingTransformer implements ResponseDefinitionTransformerV2 {
        private volatile ResponseDefinitionTransformerV2 delegate;

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            ResponseDefinitionTransformerV2 current = delegate;
            return current == null ? serveEvent.getResponseDefinition() : current.transform(serveEvent);
        }

        @Override
        public String getName() {
            return TEST_TRANSFORMER;
        }
    }

    /**
     * WireMock's notices (unmatched requests in particular) go to slf4j with bearer tokens masked, so that the test
     * infrastructure itself never logs a key.
     */
    private static final class MaskingNotifier implements Notifier {
        private static final Pattern BEARER = Pattern.compile("(?i)(bearer|basic)\\s+[^\\s\",]+");

        @Override
        public void info(String message) {
            LOG.debug("WireMock: {}", mask(message));
        }

        @Override
        public void error(String message) {
            LOG.warn("WireMock: {}", mask(message));
        }

        @Override
        public void error(String message, Throwable t) {
            LOG.warn("WireMock: {} ({})", mask(message), t == null ? "" : mask(String.valueOf(t.getMessage())));
        }

        private static String mask(String message) {
            if (message == null) {
                return null;
            }
            // a stub of a test may echo a key back on purpose: the notifier shows neither
            String masked = BEARER.matcher(message).replaceAll("$1 ***");
            return masked.replace(API_KEY_SECRET, "***").replace(WRITE_KEY_SECRET, "***");
        }
    }
}
