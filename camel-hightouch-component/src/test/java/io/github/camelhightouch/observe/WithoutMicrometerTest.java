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

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelhightouch.internal.observe.Observation;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.console.DevConsole;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Micrometer is optional: with none of it on the class path (the build's {@code without-micrometer} test run leaves
 * micrometer-core, -commons and -observation out), every path that reports to the observer runs (calls, a retry, the
 * rate-limit queue, a run wait, events, the dev console) and no class of the metrics is loaded. A core class that
 * referred to a Micrometer type on any of these paths would fail here with a NoClassDefFoundError. The default test
 * run, which has Micrometer, skips this class.
 */
@Timeout(30)
class WithoutMicrometerTest extends HightouchContextTestSupport {

    private static final String METRICS_CLASS = "io.github.camelhightouch.internal.observe.micrometer.MicrometerObserver";

    @BeforeAll
    static void onlyWithoutMicrometer() {
        assumeTrue(Boolean.getBoolean("hightouch.test.withoutMicrometer"), "runs in the without-micrometer execution");
    }

    @Override
    protected void configure(CamelContext context) {
        component.getConfiguration().setRetryBaseDelay(1);
        component.getConfiguration().setMaxRetryDelay(20);
    }

    @Test
    void everyObservedPathRunsAndNoMetricsClassIsLoaded() throws Exception {
        assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
                .as("Micrometer is not on this run's class path").isInstanceOf(ClassNotFoundException.class);

        String scenario = "one-503";
        wireMock().stubFor(post(API + "/sources").inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        wireMock().stubFor(post(API + "/sources").inScenario(scenario).whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":426,\"name\":\"pg\",\"slug\":\"pg\",\"workspaceId\":1,\"type\":\"postgres\","
                                   + "\"createdAt\":\"2022-12-12T22:46:57.618Z\",\"updatedAt\":\"2022-12-12T22:46:57.618Z\","
                                   + "\"configuration\":{}}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/sources")).willReturn(okJson("{\"data\":[],\"hasMore\":false}")));
        wireMock().stubFor(post(API + "/syncs/42/trigger").willReturn(okJson("{\"id\":\"7\"}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).willReturn(okJson("{\"data\":[{\"id\":7,"
                + "\"createdAt\":\"2024-05-01T10:00:00Z\",\"status\":\"success\","
                + "\"plannedRows\":{\"addedCount\":1,\"changedCount\":0,\"removedCount\":0}}],\"hasMore\":false}")));

        // a call retried after a 503
        assertThat(send("hightouch:createSource", "{\"name\":\"pg\",\"slug\":\"pg\",\"type\":\"postgres\","
                                                  + "\"configuration\":{}}", Map.of()).getException()).isNull();
        // calls that wait in the rate-limit queue
        List<CompletableFuture<Exchange>> burst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            burst.add(template.asyncSend("hightouch:listSources?rateLimit=1&rateLimitPeriod=100",
                    e -> e.getMessage().setBody(null)));
        }
        for (CompletableFuture<Exchange> done : burst) {
            assertThat(done.get().getException()).isNull();
        }
        // a run wait, and events
        assertThat(send("hightouch:triggerSync?syncId=42&waitForCompletion=true&pollInterval=20", null, Map.of())
                .getException()).isNull();
        assertThat(send("hightouch:track?lingerMs=0", Map.of("userId", "u1", "event", "Viewed"), Map.of())
                .getException()).isNull();
        assertThat(HIGHTOUCH.events().acceptedEvents()).hasSize(1);

        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("hightouch");
        assertThat(console.call(DevConsole.MediaType.TEXT).toString()).contains("Metrics: not recorded");

        assertThat(Observation.of(context).recordsMetrics()).isFalse();
        assertThat(loaded(METRICS_CLASS)).as("the metrics class was loaded").isFalse();
        // the check itself sees classes that are loaded
        assertThat(loaded(Observation.class.getName())).isTrue();
    }

    /**
     * No class of the component outside the metrics package names a Micrometer type in a field, method or
     * constructor signature, used or not: the JVM links those lazily, so the run above would not see one, but
     * reflection does (JMX's managed-resource assembler, Spring Boot and Quarkus introspect the component's classes).
     */
    @Test
    void noCoreClassSignatureNamesAMicrometerType() throws Exception {
        Path classes = Path.of(Observation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String metricsPackage = METRICS_CLASS.substring(0, METRICS_CLASS.lastIndexOf('.')).replace('.', '/') + "/";
        List<String> broken = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = classes.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith(metricsPackage) || relative.equals("module-info.class")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                try {
                    Class<?> type = Class.forName(name, false, Observation.class.getClassLoader());
                    type.getDeclaredFields();
                    type.getDeclaredMethods();
                    type.getDeclaredConstructors();
                    checked++;
                } catch (LinkageError e) {
                    broken.add(name + ": " + e);
                }
            }
        }
        assertThat(broken).as("core classes whose signatures need Micrometer").isEmpty();
        assertThat(checked).as("the component's classes were found").isGreaterThan(100);
    }

    private static boolean loaded(String className) throws Exception {
        Method findLoadedClass = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
        findLoadedClass.setAccessible(true);
        return findLoadedClass.invoke(Observation.class.getClassLoader(), className) != null;
    }
}
