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
package io.github.camelhightouch.example.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock Hightouch on 127.0.0.1 for the Quarkus tests; the application's base URL and key point at it.
 */
public class WireMockHightouch implements QuarkusTestResourceLifecycleManager {

    static final String KEY = "quarkus-secret-key-5d0e";
    /** Set as an application would, to show that the startup log masks it too (the route sends no event). */
    static final String WRITE_KEY = "quarkus-secret-write-key-31f9";
    /** Where the application logs in the tests, so that they can read its startup lines. */
    static final Path LOG = Path.of("target", "quarkus-test.log");

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        try {
            Files.deleteIfExists(LOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of("camel.component.hightouch.base-url", "http://127.0.0.1:" + server.port() + "/api/v1",
                "camel.component.hightouch.api-key", KEY,
                "camel.component.hightouch.write-key", WRITE_KEY,
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG.toString());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
