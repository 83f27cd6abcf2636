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
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.HightouchComponent;
import org.apache.camel.CamelContext;
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
 * test.
 */
public final class HightouchStandIn implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The part of the test API key that must never be seen outside the Authorization header. */
    public static final String API_KEY_SECRET = "5f3a9c2e71d04b86";

    /** The API key the component is configured with. */
    public static final String API_KEY = "ht-test-key-" + API_KEY_SECRET;

    private static final Logger LOG = LoggerFactory.getLogger(HightouchStandIn.class);

    private final Set<String> allowedOffContract = Collections.synchronizedSet(new HashSet<>());
    private WireMockServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new MaskingNotifier()));
        server.start();
        // parse the description now, not inside the first test
        OpenApiContract.latest();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
        allowedOffContract.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertRequestsMatchContract();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.stop();
            server = null;
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
        return component;
    }

    /** Adds a new {@link #newComponent() component} to the context under the name hightouch. */
    public void configure(CamelContext context) {
        context.addComponent("hightouch", newComponent());
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
            if (allowedOffContract.contains(request.getMethod().getName() + " " + path)) {
                continue;
            }
            List<String> problems = contract.violations(request);
            if (!problems.isEmpty()) {
                violations.add(request.getMethod().getName() + " " + request.getUrl() + ": " + String.join("; ", problems));
            }
        }
        return violations;
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
     * WireMock's notices (unmatched requests in particular) go to slf4j with bearer tokens masked, so that the test
     * infrastructure itself never logs a key.
     */
    private static final class MaskingNotifier implements Notifier {
        private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[^\\s\",]+");

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
            return message == null ? null : BEARER.matcher(message).replaceAll("Bearer ***");
        }
    }
}
