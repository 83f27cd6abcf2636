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
package io.github.camelhightouch;

import java.net.ServerSocket;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.camelhightouch.internal.call.RateLimiters;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HightouchProducerHealthCheckTest {

    private static final String KEY = "ht-secret-key-7f3a";
    private static final String ENDPOINT_KEY = "ht-endpoint-only-key-9c2e";
    private static final String WRONG_KEY = "ht-wrong-endpoint-key-41d0";

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(KEY, ENDPOINT_KEY, WRONG_KEY);
    private static WireMockServer wireMock;

    private CamelContext context;

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @AfterEach
    void stopCamel() {
        if (context != null) {
            context.stop();
        }
        wireMock.resetAll();
    }

    @Test
    void upWhenHightouchAcceptsTheKey() {
        wireMock.stubFor(get(urlEqualTo("/api/v1/sources?limit=1"))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .willReturn(okJson("{\"data\":[],\"hasMore\":false}")));
        start(baseUrl(), true);

        HealthCheck.Result result = producerCheck("producer:hightouch");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 200)
                .containsEntry(HightouchProducerHealthCheck.BASE_URL, baseUrl());
        wireMock.verify(1, getRequestedFor(urlEqualTo("/api/v1/sources?limit=1"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
        assertKeyNotIn(result);
    }

    @Test
    void downWithUnauthorizedReasonOn401() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Invalid API key " + KEY + "\"}")));
        start(baseUrl(), true);

        HealthCheck.Result result = producerCheck("producer:hightouch");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(HightouchProducerHealthCheck.REASON,
                HightouchProducerHealthCheck.REASON_UNAUTHORIZED).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("401").contains("apiKey"));
        assertKeyNotIn(result);
    }

    @Test
    void downWithUnauthorizedReasonOn403() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(aResponse().withStatus(403)));
        start(baseUrl(), true);

        HealthCheck.Result result = producerCheck("producer:hightouch");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(HightouchProducerHealthCheck.REASON,
                HightouchProducerHealthCheck.REASON_UNAUTHORIZED);
    }

    @Test
    void downWithUnreachableReasonWhenNothingListens() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        start("http://127.0.0.1:" + closedPort + "/api/v1", true);

        HealthCheck.Result result = producerCheck("producer:hightouch");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(HightouchProducerHealthCheck.REASON,
                HightouchProducerHealthCheck.REASON_UNREACHABLE).doesNotContainKey(HealthCheck.HTTP_RESPONSE_CODE);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("unreachable")
                .contains("127.0.0.1:" + closedPort).contains("connection refused"));
        assertThat(result.getError()).isPresent();
        assertKeyNotIn(result);
    }

    @Test
    void downWithUnexpectedStatusReasonOnServerError() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(aResponse().withStatus(503)));
        start(baseUrl(), true);

        HealthCheck.Result result = producerCheck("producer:hightouch");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(HightouchProducerHealthCheck.REASON,
                HightouchProducerHealthCheck.REASON_UNEXPECTED_STATUS).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 503);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("503"));
    }

    @Test
    void isReadinessOnlyAndLeavesTheSharedPoolUsable() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"data\":[]}")));
        wireMock.stubFor(post("/api/v1/sources").willReturn(okJson("{\"id\":7}")));
        start(baseUrl(), true);

        Collection<HealthCheck.Result> liveness = HealthCheckHelper.invokeLiveness(context);
        assertThat(liveness).noneMatch(r -> r.getCheck().getId().equals("producer:hightouch"));
        Collection<HealthCheck.Result> readiness = HealthCheckHelper.invokeReadiness(context);
        assertThat(readiness).anyMatch(r -> r.getCheck().getId().equals("producer:hightouch")
                                            && r.getState() == HealthCheck.State.UP);
        assertThat(producerCheck("producer:hightouch").getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(producerCheck("producer:hightouch").getState()).isEqualTo(HealthCheck.State.UP);

        Object body = context.createProducerTemplate().requestBody("hightouch:createSource",
                Map.of("name", "pg", "slug", "pg", "type", "postgres", "configuration", Map.of("host", "h")));
        assertThat(body).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("id", 7);
    }

    @Test
    void downWhenNoApiKeyIsConfigured() {
        context = new DefaultCamelContext();
        HightouchComponent component = new HightouchComponent();
        component.getConfiguration().setBaseUrl(baseUrl());
        context.addComponent("hightouch", component);
        enableProducerChecks();
        context.start();

        HealthCheck.Result result = producerCheck("producer:hightouch");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(HightouchProducerHealthCheck.REASON,
                HightouchProducerHealthCheck.REASON_MISCONFIGURED);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("apiKey:"));
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void unknownNotDownForAComponentThatOnlySendsEvents() {
        context = new DefaultCamelContext();
        HightouchComponent component = new HightouchComponent();
        component.getConfiguration().setBaseUrl(baseUrl());
        component.getConfiguration().setWriteKey("events-only-write-key");
        component.getConfiguration().setEventsUrl("http://127.0.0.1:" + wireMock.port());
        context.addComponent("hightouch", component);
        enableProducerChecks();
        context.start();

        HealthCheck.Result result = producerCheck("producer:hightouch");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UNKNOWN);
        assertThat(result.getDetails()).containsEntry(HightouchProducerHealthCheck.REASON,
                HightouchProducerHealthCheck.REASON_EVENTS_ONLY);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("apiKey:")
                .doesNotContain("events-only-write-key"));
        assertThat(result.getDetails().values()).allSatisfy(v -> assertThat(String.valueOf(v))
                .doesNotContain("events-only-write-key"));
        // nothing sent anywhere: no event is made up to test the key
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void oneCheckPerComponentNamedAfterIt() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"data\":[]}")));
        context = new DefaultCamelContext();
        context.addComponent("hightouch", component(KEY));
        context.addComponent("hightouch-eu", component("other-key"));
        enableProducerChecks();
        context.start();

        assertThat(producerCheck("producer:hightouch").getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(producerCheck("producer:hightouch-eu").getState()).isEqualTo(HealthCheck.State.UP);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/sources"))
                .withHeader("Authorization", equalTo("Bearer other-key")));
    }

    @Test
    void aComponentAddedToARunningContextGetsAFreeId() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"data\":[]}")));
        start(baseUrl(), true);

        context.addComponent("late", component("late-key"));

        assertThat(producerCheck("producer:hightouch-2").getState()).isEqualTo(HealthCheck.State.UP);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/sources"))
                .withHeader("Authorization", equalTo("Bearer late-key")));
    }

    @Test
    void registeredOnStartAndRemovedOnStop() {
        start(baseUrl(), true);
        HealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers");
        assertThat(producers.getCheck("producer:hightouch")).isPresent();

        context.removeComponent("hightouch");

        assertThat(producers.getCheck("producer:hightouch")).isEmpty();
    }

    @Test
    void notRegisteredWhenProducerHealthChecksAreDisabled() {
        start(baseUrl(), false);
        HealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers");
        assertThat(producers.getCheck("producer:hightouch")).isEmpty();
    }

    @Test
    void upWithTheKeyOfAnEndpointWhenTheComponentHasNone() throws Exception {
        wireMock.stubFor(get(urlEqualTo("/api/v1/sources?limit=1"))
                .withHeader("Authorization", equalTo("Bearer " + ENDPOINT_KEY))
                .willReturn(okJson("{\"data\":[],\"hasMore\":false}")));
        startKeyless();
        // two endpoints with the same key and base URL: one probe
        startEndpoint("hightouch:listSources?apiKey=" + ENDPOINT_KEY);
        startEndpoint("hightouch:listSyncs?apiKey=" + ENDPOINT_KEY);

        HealthCheck.Result result = producerCheck("producer:hightouch");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry(HightouchProducerHealthCheck.PROBED_KEYS, 1)
                .containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 200);
        wireMock.verify(1, getRequestedFor(urlEqualTo("/api/v1/sources?limit=1"))
                .withHeader("Authorization", equalTo("Bearer " + ENDPOINT_KEY)));
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
        assertNoKeyIn(result);
    }

    @Test
    void downUnauthorizedWhenTheKeyOfAnEndpointIsWrong() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources"))
                .withHeader("Authorization", equalTo("Bearer " + ENDPOINT_KEY))
                .willReturn(okJson("{\"data\":[]}")));
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources"))
                .withHeader("Authorization", equalTo("Bearer " + WRONG_KEY))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Invalid API key " + WRONG_KEY + "\"}")));
        startKeyless();
        startEndpoint("hightouch:listSources?apiKey=" + ENDPOINT_KEY);
        startEndpoint("hightouch:listSyncs?apiKey=" + WRONG_KEY);

        HealthCheck.Result result = producerCheck("producer:hightouch");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(HightouchProducerHealthCheck.REASON,
                HightouchProducerHealthCheck.REASON_UNAUTHORIZED).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("401").contains("apiKey")
                .contains("endpoints"));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/sources"))
                .withHeader("Authorization", equalTo("Bearer " + WRONG_KEY)));
        assertNoKeyIn(result);
    }

    @Test
    void stoppedEndpointsAreNotProbed() throws Exception {
        startKeyless();
        org.apache.camel.Endpoint endpoint = startEndpoint("hightouch:listSources?apiKey=" + ENDPOINT_KEY);
        endpoint.stop();

        HealthCheck.Result result = producerCheck("producer:hightouch");

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(HightouchProducerHealthCheck.REASON,
                HightouchProducerHealthCheck.REASON_MISCONFIGURED);
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    /**
     * The probe spends a request of the key's limiter, shared with the routes: with rateLimit=1 per minute, a route's
     * call took the only request, so the probe waits in the limiter's queue for its requestTimeout, then is DOWN
     * rate-limited, sends nothing and leaves the queue; the route's next call is not blocked behind it.
     */
    @Test
    void theProbeWaitsForTheRateLimitOfItsKeyAndSendsNothingWhenNoneIsFree() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"data\":[]}")));
        startKeyless();
        String uri = "hightouch:listSources?apiKey=" + ENDPOINT_KEY
                     + "&rateLimit=1&rateLimitPeriod=60000&requestTimeout=700";
        startEndpoint(uri);
        context.createProducerTemplate().requestBody(uri, (Object) null);
        assertThat(wireMock.getAllServeEvents()).hasSize(1);

        long start = System.nanoTime();
        HealthCheck.Result result = producerCheck("producer:hightouch");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry(HightouchProducerHealthCheck.REASON,
                HightouchProducerHealthCheck.REASON_RATE_LIMITED);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("rate limit")
                .contains("700 ms"));
        // it waited in the queue (generous bounds: at least most of requestTimeout, never much more)
        assertThat(tookMillis).isBetween(500L, 5_000L);
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
        assertThat(RateLimiters.of(context).forKey(ENDPOINT_KEY, 1, 60000, 1).waitingCount()).isZero();
        assertNoKeyIn(result);
    }

    @Test
    void theProbeSpendsTheRequestARouteThenWaitsFor() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"data\":[]}")));
        startKeyless();
        String uri = "hightouch:listSources?apiKey=" + ENDPOINT_KEY
                     + "&rateLimit=1&rateLimitPeriod=60000&requestTimeout=700&throwExceptionOnFailure=true";
        startEndpoint(uri);

        assertThat(producerCheck("producer:hightouch").getState()).isEqualTo(HealthCheck.State.UP);

        // the probe took the only request of the minute: the route's call waits its requestTimeout and fails
        assertThatThrownBy(() -> context.createProducerTemplate().requestBody(uri, (Object) null))
                .hasStackTraceContaining("rate limit");
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
    }

    @Test
    void componentKeyProbeGoesThroughItsRateLimiterToo() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"data\":[]}")));
        context = new DefaultCamelContext();
        HightouchComponent component = component(KEY);
        component.getConfiguration().setRateLimit(1);
        component.getConfiguration().setRateLimitPeriod(60000);
        component.getConfiguration().setRequestTimeout(500);
        context.addComponent("hightouch", component);
        enableProducerChecks();
        context.start();

        assertThat(producerCheck("producer:hightouch").getState()).isEqualTo(HealthCheck.State.UP);
        HealthCheck.Result second = producerCheck("producer:hightouch");

        assertThat(second.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(second.getDetails()).containsEntry(HightouchProducerHealthCheck.REASON,
                HightouchProducerHealthCheck.REASON_RATE_LIMITED);
        assertThat(wireMock.getAllServeEvents()).hasSize(1);
        assertNoKeyIn(second);
    }

    private void startKeyless() {
        context = new DefaultCamelContext();
        HightouchComponent component = new HightouchComponent();
        component.getConfiguration().setBaseUrl(baseUrl());
        context.addComponent("hightouch", component);
        enableProducerChecks();
        context.start();
    }

    private org.apache.camel.Endpoint startEndpoint(String uri) throws Exception {
        org.apache.camel.Endpoint endpoint = context.getEndpoint(uri);
        endpoint.start();
        return endpoint;
    }

    private static void assertNoKeyIn(HealthCheck.Result result) {
        for (String key : new String[] { KEY, ENDPOINT_KEY, WRONG_KEY }) {
            assertThat(result.getMessage().orElse("")).doesNotContain(key);
            assertThat(String.valueOf(result.getDetails())).doesNotContain(key);
            assertThat(result.getError().map(Throwable::toString).orElse("")).doesNotContain(key);
        }
    }

    private void start(String baseUrl, boolean healthCheckProducerEnabled) {
        context = new DefaultCamelContext();
        HightouchComponent component = component(KEY);
        component.getConfiguration().setBaseUrl(baseUrl);
        component.setHealthCheckProducerEnabled(healthCheckProducerEnabled);
        context.addComponent("hightouch", component);
        enableProducerChecks();
        context.start();
    }

    private static HightouchComponent component(String apiKey) {
        HightouchComponent component = new HightouchComponent();
        component.getConfiguration().setApiKey(apiKey);
        component.getConfiguration().setBaseUrl(baseUrl());
        return component;
    }

    private void enableProducerChecks() {
        // what camel.health.producersEnabled=true does in Camel Main
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        // every result, not only the DOWN ones
        HealthCheckRegistry.get(context).setExposureLevel("full");
    }

    private HealthCheck.Result producerCheck(String id) {
        Optional<HealthCheck.Result> result = HealthCheckHelper.invoke(context, id, Map.of());
        assertThat(result).as("result of " + id).isPresent();
        return result.get();
    }

    private static void assertKeyNotIn(HealthCheck.Result result) {
        assertThat(result.getMessage().orElse("")).doesNotContain(KEY);
        assertThat(String.valueOf(result.getDetails())).doesNotContain(KEY);
        assertThat(result.getError().map(Throwable::toString).orElse("")).doesNotContain(KEY);
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + wireMock.port() + "/api/v1";
    }
}
