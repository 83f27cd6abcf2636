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
package io.github.camelhightouch.observe;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component's JMX attributes, read through the platform MBeanServer while known traffic is held in place: a
 * request held on the wire by the stand-in, one queued for the rate limit behind it, one waiting for a connection of
 * the full pool, a run being waited on, and an event whose batch is held.
 */
@Timeout(60)
class ManagementTest {

    private static final String JMX_DISABLED = "org.apache.camel.jmx.disabled";
    private static final String API = "/api/v1";

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET,
            HightouchStandIn.WRITE_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().serverPerTest();

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch sourcesHeld = new CountDownLatch(1);
    private final CountDownLatch batchHeld = new CountDownLatch(1);

    @Test
    void attributesShowTheHeldTraffic() throws Exception {
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo(API + "/sources")).willReturn(aResponse()
                .withTransformers(HIGHTOUCH.transformWith(new Holding()))));
        HIGHTOUCH.server().stubFor(post(API + "/syncs/42/trigger").willReturn(okJson("{\"id\":\"7\"}")));
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).willReturn(okJson(
                "{\"data\":[{\"id\":7,\"createdAt\":\"2024-05-01T10:00:00Z\",\"status\":\"processing\"}],\"hasMore\":false}")));
        HIGHTOUCH.events().answerWith((n, batch) -> {
            batchHeld.countDown();
            Latches.await(release);
            return null;
        });
        CamelContext context = withJmx(() -> {
            CamelContext made = HIGHTOUCH.newContext();
            made.getComponent("hightouch", HightouchComponent.class).setMaxConnections(2);
            made.start();
            return made;
        });
        try {
            ProducerTemplate template = context.createProducerTemplate();
            ObjectName name = componentMBean(context);

            // a wait whose first poll is done; its next one is a minute away
            CompletableFuture<Exchange> wait = template.asyncSend(
                    "hightouch:triggerSync?syncId=42&waitForCompletion=true&pollInterval=60000&rateLimit=0",
                    e -> e.getMessage().setBody(null));
            Thread.sleep(3000);
            eventually(() -> HIGHTOUCH.server().findAll(getRequestedFor(urlPathEqualTo(API + "/syncs/42/runs"))).size(), 1);
            eventually(() -> attribute(name, "HttpPoolLeased"), 0);
            // a request held on the wire, and one queued behind it for the rate limit of one per minute
            String limited = "hightouch:listSources?rateLimit=1&rateLimitPeriod=60000";
            CompletableFuture<Exchange> onTheWire = template.asyncSend(limited, e -> e.getMessage().setBody(null));
            Latches.await(sourcesHeld);
            CompletableFuture<Exchange> queued = template.asyncSend(limited, e -> e.getMessage().setBody(null));
            // an event whose batch is held: the pool (2) is now full
            CompletableFuture<Exchange> event = template.asyncSend("hightouch:track?lingerMs=0",
                    e -> e.getMessage().setBody(Map.of("userId", "u1", "event", "Viewed")));
            Latches.await(batchHeld);
            // so a request without rate limit waits for a connection
            CompletableFuture<Exchange> pending = template.asyncSend("hightouch:listSources?rateLimit=0",
                    e -> e.getMessage().setBody(null));

            eventually(() -> attribute(name, "HttpPoolPending"), 1);
            eventually(() -> attribute(name, "QueuedRequests"), 1);
            assertThat(attribute(name, "HttpPoolLeased")).isEqualTo(2);
            assertThat(attribute(name, "HttpPoolAvailable")).isZero();
            assertThat(attribute(name, "HttpPoolMax")).isEqualTo(2);
            assertThat(attribute(name, "RateLimiters")).isEqualTo(1);
            assertThat(attribute(name, "RateLimitCurrentRate")).isEqualTo(1);
            assertThat(attribute(name, "RateLimitTokensFree")).isZero();
            assertThat(attribute(name, "ActiveWaits")).isEqualTo(1);
            assertThat(attribute(name, "EventsHeld")).isEqualTo(1);

            release.countDown();
            assertThat(onTheWire.get(10, TimeUnit.SECONDS).getException()).isNull();
            assertThat(event.get(10, TimeUnit.SECONDS).getException()).isNull();
            assertThat(pending.get(10, TimeUnit.SECONDS).getException()).isNull();
            eventually(() -> attribute(name, "HttpPoolLeased"), 0);
            eventually(() -> attribute(name, "EventsHeld"), 0);
            assertThat(attribute(name, "HttpPoolAvailable")).isPositive();
            assertThat(attribute(name, "QueuedRequests")).as("still waiting for its token").isEqualTo(1);
            assertThat(wait).isNotDone();
            assertThat(queued).isNotDone();
        } finally {
            release.countDown();
            context.close();
        }
    }

    @Test
    void theAttributesHoldNoKey() throws Exception {
        CamelContext context = withJmx(() -> {
            CamelContext made = HIGHTOUCH.newContext();
            made.start();
            return made;
        });
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = componentMBean(context);
            for (var info : server.getMBeanInfo(name).getAttributes()) {
                Object value = server.getAttribute(name, info.getName());
                assertThat(String.valueOf(value)).as(info.getName()).doesNotContain(HightouchStandIn.API_KEY_SECRET)
                        .doesNotContain(HightouchStandIn.WRITE_KEY_SECRET);
            }
            assertThat(server.getMBeanInfo(name).getAttributes()).extracting(a -> a.getName())
                    .contains("QueuedRequests", "ActiveWaits", "RateLimitCurrentRate", "RateLimitTokensFree",
                            "HttpPoolLeased", "HttpPoolAvailable", "HttpPoolPending", "EventsHeld");
        } finally {
            context.close();
        }
    }

    /** Makes a context with JMX on (the build turns it off for the other tests). */
    private static CamelContext withJmx(Supplier<CamelContext> make) {
        String before = System.getProperty(JMX_DISABLED);
        System.clearProperty(JMX_DISABLED);
        try {
            return make.get();
        } finally {
            if (before != null) {
                System.setProperty(JMX_DISABLED, before);
            }
        }
    }

    private static ObjectName componentMBean(CamelContext context) throws Exception {
        Set<ObjectName> names = ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName(
                "org.apache.camel:context=" + context.getManagementName() + ",type=components,name=\"hightouch\""), null);
        assertThat(names).hasSize(1);
        return names.iterator().next();
    }

    private static int attribute(ObjectName name, String attribute) {
        try {
            return (Integer) ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
        } catch (Exception e) {
            throw new AssertionError(attribute, e);
        }
    }

    /** Waits (10 s at most) for a figure that moves when another thread gets to it. */
    private static void eventually(Supplier<Integer> figure, int expected) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (figure.get() != expected && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(figure.get()).isEqualTo(expected);
    }


    /** Holds every answer of the sources list until the test releases it (the other stubs answer as they are). */
    private final class Holding implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            if (!serveEvent.getRequest().getUrl().startsWith(API + "/sources")) {
                return serveEvent.getResponseDefinition();
            }
            sourcesHeld.countDown();
            Latches.await(release);
            return okJson("{\"data\":[],\"hasMore\":false}").build();
        }

        @Override
        public String getName() {
            return "holding";
        }
    }
}
