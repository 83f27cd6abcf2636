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

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.camelhightouch.HightouchComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of tests that run a plain Camel context (no camel-test machinery): the same {@link HightouchStandIn} (WireMock
 * + contract check) and {@link LogCapture} as {@link HightouchTestSupport}, and before each test a new
 * DefaultCamelContext whose {@code hightouch} component points at the stand-in, shaped by
 * {@link #configure(CamelContext)} and started. The stand-in closes the context after the test, before its contract
 * check.
 */
public abstract class HightouchContextTestSupport implements HightouchExtensions {

    /** The path of the Hightouch API on the stand-in, the start of every stubbed path. */
    protected static final String API = OpenApiContract.BASE_PATH;

    /** The context of the current test. */
    protected CamelContext context;

    /** Its hightouch component. */
    protected HightouchComponent component;

    /** A template on the context. */
    protected ProducerTemplate template;

    /** Creates, configures and starts the context; a test may call it again after closing the context. */
    @BeforeEach
    protected void startCamel() throws Exception {
        context = HIGHTOUCH.newContext();
        component = context.getComponent("hightouch", HightouchComponent.class);
        configure(context);
        context.start();
        template = context.createProducerTemplate();
    }

    /** Adds routes or changes the component before the context starts. */
    protected void configure(CamelContext context) throws Exception {
    }

    /** The WireMock server of the stand-in. */
    protected static WireMockServer wireMock() {
        return HIGHTOUCH.server();
    }

    /**
     * Sends the body with message headers (InOut) and returns the exchange, failed or not, after checking that the API
     * key is in none of its headers, properties or exception.
     */
    protected Exchange send(String uri, Object body, Map<String, Object> headers) {
        return HightouchStandIn.send(template, uri, body, headers);
    }
}
