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
package io.github.camelhightouch.reliability;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings of a fresh attack through the public surface. Each test fails on the code it was written against.
 */
class BreakerFindingsTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest();

    private static final String LIST = "hightouch:raw?url=/sources&httpMethod=GET";

    /**
     * A call that times out while it waits (here for the rate limit) is completed on the component's watchdog thread,
     * and Camel continues the route on it. A route that does slow work after the failure (here a doCatch that
     * sleeps, like a DB write or a synchronous notification) holds the one watchdog tick, so no other call of the
     * component is ended at its requestTimeout: the promise "within requestTimeout plus ~100 ms" breaks for everyone.
     */
    @Test
    void aSlowRouteAfterATimeoutDoesNotStopOtherCallsFromTimingOut() throws Exception {
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"data\":[]}")));
        CamelContext context = HIGHTOUCH.newContext();
        context.getComponent("hightouch", HightouchComponent.class).getConfiguration().setRateLimit(1);
        context.getComponent("hightouch", HightouchComponent.class).getConfiguration().setRateLimitPeriod(60_000);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:slowAfterFailure")
                        .doTry()
                        .to("hightouch:raw?url=/sources&httpMethod=GET&requestTimeout=300")
                        .doCatch(HightouchTransportException.class)
                        .process(e -> Thread.sleep(6_000))
                        .end();
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        assertThat(template.send(LIST, e -> {
        }).getException()).as("the one token").isNull();
        CompletableFuture<Exchange> slow = template.asyncSend("direct:slowAfterFailure", e -> {
        });
        Thread.sleep(1_000); // the queued call has timed out; its route now sleeps on whatever thread completed it

        long start = System.nanoTime();
        Exchange other = template.send(LIST + "&requestTimeout=300", e -> {
        });
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(other.getException()).isInstanceOf(HightouchTransportException.class);
        assertThat(took).as("an unrelated call with requestTimeout=300 must end within ~400 ms, took %d ms", took)
                .isLessThan(1_500);
        slow.get(20, TimeUnit.SECONDS);
    }

    /**
     * A server (or a proxy, or a misbehaving gateway on the way) that echoes the request's Authorization header in its
     * error body puts the API key into the HightouchApiException message: the key is in an exception message, which
     * the README promises never happens, and which error handlers and Camel's default error logging print.
     */
    @Test
    void anErrorBodyThatEchoesTheAuthorizationHeaderDoesNotPutTheKeyInTheException() throws Exception {
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"bad key {{request.headers.Authorization}}\"}")
                .withTransformers("response-template")));
        CamelContext context = HIGHTOUCH.newContext();
        context.start();
        Exchange exchange = context.createProducerTemplate().send(LIST, e -> {
        });
        assertThat(exchange.getException()).isNotNull();
        assertThat(exchange.getException().getMessage()).doesNotContain(HightouchStandIn.API_KEY_SECRET);
    }
}
