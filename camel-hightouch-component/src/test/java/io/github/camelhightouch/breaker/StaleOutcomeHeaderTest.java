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
package io.github.camelhightouch.breaker;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.testing.HightouchTestSupport;
import io.github.camelhightouch.testing.StandInWorkspace;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CamelHightouchResourceOutcome says what became of the record of the create that just ran, or nothing: one exchange
 * through two creates (an import that creates a source, then a destination) must not carry the first create's outcome
 * as the second's, whether the second fails or runs with onConflict=fail.
 */
class StaleOutcomeHeaderTest extends HightouchTestSupport {

    private static Map<String, Object> destination(String slug) {
        Map<String, Object> record = new LinkedHashMap<>(source(slug));
        record.put("name", "Destination " + slug);
        record.put("type", "braze");
        return record;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:failing").to("hightouch:createSource?onConflict=update")
                        .setBody(exchange -> destination("braze"))
                        .to("hightouch:createDestination?onConflict=update");
                from("direct:plain").to("hightouch:createSource?onConflict=update")
                        .setBody(exchange -> destination("braze"))
                        .to("hightouch:createDestination?onConflict=fail");
            }
        };
    }

    @ParameterizedTest(name = "second create {0}")
    @ValueSource(strings = { "failing", "plain" })
    void theSecondCreateDoesNotReportTheFirstOnesOutcome(String route) {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH);
        workspace.add("sources", source("pg"));
        if (route.equals("failing")) {
            workspace.answerNext("POST", "destinations", responseDefinition().withStatus(422)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"message\":\"Validation failed\",\"details\":{\"type\":\"unknown\"}}").build(), false);
        }

        Exchange exchange = send("direct:" + route, source("pg"));

        assertThat(workspace.all("sources")).hasSize(1);
        if (route.equals("failing")) {
            assertThat(exchange.getException()).as("the destination's create failed").isNotNull();
        } else {
            assertThat(exchange.getException()).isNull();
        }
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME))
                .as("the source was updated; nothing says what became of the destination")
                .isNotEqualTo("updated").isNull();
    }
}
