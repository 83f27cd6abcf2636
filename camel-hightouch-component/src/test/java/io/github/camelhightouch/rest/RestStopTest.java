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
package io.github.camelhightouch.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A context stopped while the new operations are in progress ends every exchange, once, with an error: a wait for an
 * identity resolution run, and a trigger still on the wire (whose outcome is then unknown, and which is not sent
 * again). Waits hold no thread: forty of them share one scheduler thread.
 */
@Timeout(30)
class RestStopTest extends RestTestSupport {

    @Override
    protected void configure(CamelContext context) throws Exception {
        super.configure(context);
        // one scheduler thread for every wait of the context
        component.setWaitPoolSize(1);
    }

    private static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition not met within 10 s").isNegative();
            Thread.sleep(10);
        }
    }

    @Test
    void stoppingTheContextEndsAnIdrRunWait() throws Exception {
        wireMock().stubFor(post(API + "/idr/g1/trigger").willReturn(okJson("{\"id\":\"r1\"}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/idr/g1/runs")).willReturn(okJson(
                "{\"data\":[{\"id\":\"r1\",\"graphId\":\"g1\",\"fullRerun\":false,\"createdAt\":\"2025-01-01T00:00:00Z\","
                + "\"status\":\"PROCESSING\"}],\"hasMore\":false}")));

        CompletableFuture<Exchange> call = template.asyncSend(
                "hightouch:triggerIdrRun?graphId=g1&waitForCompletion=true&pollInterval=20&timeout=600000",
                exchange -> exchange.getMessage().setBody("the body"));
        until(() -> requests().size() >= 3);
        context.stop();

        Exchange exchange = call.get(10, TimeUnit.SECONDS);
        assertThat(exchange.getException()).isInstanceOf(HightouchException.class);
        assertThat(exchange.getException().getMessage()).contains("stopping");
        assertThat(exchange.getMessage().getBody()).isEqualTo("the body");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.IDR_RUN_ID)).isEqualTo("r1");
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/idr/g1/trigger")));
    }

    @Test
    void manyIdrWaitsShareOneSchedulerThread() throws Exception {
        for (int i = 0; i < 40; i++) {
            wireMock().stubFor(get(urlPathEqualTo(API + "/idr/g" + i + "/runs")).willReturn(okJson(
                    "{\"data\":[{\"id\":\"r\",\"graphId\":\"g" + i + "\",\"fullRerun\":false,"
                    + "\"createdAt\":\"2025-01-01T00:00:00Z\",\"status\":\"SUCCESS\"}],\"hasMore\":false}")));
        }
        List<CompletableFuture<Object>> waits = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            waits.add(template.asyncRequestBodyAndHeaders("hightouch:waitForIdrRun?idrRunId=r&pollInterval=10", null,
                    Map.of(HightouchConstants.GRAPH_ID, "g" + i)));
        }
        // a failed wait fails its future, and so this get
        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(requests()).hasSize(40);
    }

    @Test
    void stoppingTheContextEndsATriggerOnTheWireWithoutSendingItAgain() throws Exception {
        wireMock().stubFor(post(API + "/campaigns/c/trigger").willReturn(okJson("{\"results\":[]}").withFixedDelay(3000)));

        CompletableFuture<Exchange> call = template.asyncSend("hightouch:triggerCampaign?campaignId=c",
                exchange -> exchange.getMessage().setBody("{\"recipients\":[{\"id\":\"u\"}]}"));
        until(() -> requests().size() >= 1);
        context.stop();

        Exchange exchange = call.get(10, TimeUnit.SECONDS);
        assertThat(exchange.getException()).isInstanceOf(HightouchException.class);
        assertThat(exchange.getMessage().getBody()).isEqualTo("{\"recipients\":[{\"id\":\"u\"}]}");
        wireMock().verify(1, postRequestedFor(urlEqualTo(API + "/campaigns/c/trigger")));
    }
}
