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

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import io.github.camelhightouch.HightouchComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock Hightouch stand-in on 127.0.0.1 and a CamelContext whose hightouch component points at it, for the
 * reliability tests.
 */
final class StandIn implements AutoCloseable {

    static final String KEY = "htk-RELIABILITY-7f3a9c-SECRET";

    final WireMockServer server;
    final CamelContext context = new DefaultCamelContext();
    final HightouchComponent component = new HightouchComponent();

    StandIn(Extension... extensions) {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(extensions)
                .containerThreads(40).jettyAcceptors(2));
        server.start();
        component.getConfiguration().setApiKey(KEY);
        component.getConfiguration().setBaseUrl(baseUrl());
        // fast retries keep the suite short; the policy is the same
        component.getConfiguration().setRetryBaseDelay(1);
        component.getConfiguration().setMaxRetryDelay(50);
        context.addComponent("hightouch", component);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/v1";
    }

    @Override
    public void close() throws Exception {
        try {
            context.close();
        } finally {
            server.stop();
        }
    }
}
