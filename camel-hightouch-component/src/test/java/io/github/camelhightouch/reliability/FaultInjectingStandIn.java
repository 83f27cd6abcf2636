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

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * Answers POST /sources like Hightouch, except for a seeded random share of requests that get a fault instead: 429,
 * 503, an HTML 500, or a connection reset. A faulted request creates nothing; a created slug is counted.
 * A test hands it to the stand-in with HightouchStandIn.transformWith.
 */
final class FaultInjectingStandIn implements ResponseDefinitionTransformerV2 {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final Map<String, AtomicInteger> createdBySlug = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> faults = new ConcurrentHashMap<>();
    private final Random random;
    private final double faultRate;
    private final AtomicInteger ids = new AtomicInteger(1000);

    FaultInjectingStandIn(long seed, double faultRate) {
        this.random = new Random(seed);
        this.faultRate = faultRate;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (draw < faultRate) {
            int kind = (int) (draw / faultRate * 4);
            return switch (kind) {
                case 0 -> fault("429", responseDefinition().withStatus(429).build());
                case 1 -> fault("503", responseDefinition().withStatus(503).build());
                case 2 -> fault("500", responseDefinition().withStatus(500).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Internal error</body></html>").build());
                default -> fault("reset", responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build());
            };
        }
        try {
            JsonNode body = MAPPER.readTree(serveEvent.getRequest().getBodyAsString());
            String slug = body.path("slug").asText();
            createdBySlug.computeIfAbsent(slug, s -> new AtomicInteger()).incrementAndGet();
            return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":" + ids.incrementAndGet() + ",\"slug\":\"" + slug + "\"}").build();
        } catch (Exception e) {
            return responseDefinition().withStatus(400).build();
        }
    }

    private ResponseDefinition fault(String kind, ResponseDefinition definition) {
        faults.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        return definition;
    }

    @Override
    public String getName() {
        return "fault-injecting-hightouch";
    }
}
