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

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 2 of the attack: a List of 100,000 elements with rateLimit=0 is sent one element after the other and
 * completes, and the stack depth at its end does not depend on its length. A plain JDK server on loopback answers,
 * since it is the client's stack that is measured.
 */
class LongListTest {

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();

    private HttpServer server;
    private ExecutorService serverThreads;
    private final AtomicInteger created = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        // without it, the JDK server's small answers wait for delayed ACKs: 40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        serverThreads = Executors.newFixedThreadPool(2);
        server.setExecutor(serverThreads);
        server.createContext("/api/v1/sources", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = ("{\"id\":" + created.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private int stackDepthAtTheEndOf(int elements) throws Exception {
        CamelContext context = HIGHTOUCH.newContext();
        HightouchComponent component = context.getComponent("hightouch", HightouchComponent.class);
        component.getConfiguration().setBaseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1");
        component.getConfiguration().setRateLimit(0);
        component.getConfiguration().setRequestTimeout(600_000);
        AtomicInteger depth = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:list").to("hightouch:createSource?validate=false")
                        .process(e -> depth.set(Thread.currentThread().getStackTrace().length));
            }
        });
        context.start();
        try {
            List<Object> records = new ArrayList<>(elements);
            for (int i = 0; i < elements; i++) {
                records.add(Map.of("name", "s" + i, "slug", "s" + i, "type", "postgres", "configuration", Map.of()));
            }
            Exchange exchange = context.createProducerTemplate().send("direct:list", e -> e.getMessage().setBody(records));
            assertThat(exchange.getException()).isNull();
            assertThat((List<?>) exchange.getMessage().getBody()).hasSize(elements);
            return depth.get();
        } finally {
            context.stop();
        }
    }

    @Test
    void aHundredThousandElementsCompleteWithTheStackOfTen() throws Exception {
        int ofTen = stackDepthAtTheEndOf(10);
        created.set(0);
        int ofAHundredThousand = stackDepthAtTheEndOf(100_000);

        assertThat(created.get()).isEqualTo(100_000);
        assertThat(ofAHundredThousand).as("stack depth after 100,000 elements vs after 10").isLessThanOrEqualTo(ofTen + 10);
    }
}
