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

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.Stream;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text id given as a Number: the rule takes "a String or a Number (Integer, Long, BigInteger, an integral Double or
 * BigDecimal such as 42.0)", but for the ids Hightouch types as strings any Number was taken as its toString, so a
 * graphId header holding {@code Double.NaN} triggered the graph {@code NaN}, {@code 1.5} the graph {@code 1.5} and
 * {@code new BigDecimal("1E+1000000000")} the graph {@code 1E%2B1000000000}. A Number is an id only as a whole number
 * of digits.
 */
@Timeout(30)
class NumberTextIdTest extends HightouchContextTestSupport {

    static Stream<Arguments> notWholeNumbers() {
        DoubleAdder adder = new DoubleAdder();
        adder.add(2.5);
        return Stream.of(Arguments.of(Double.NaN), Arguments.of(Double.POSITIVE_INFINITY), Arguments.of(Float.NaN),
                Arguments.of(1.5), Arguments.of(0.1f), Arguments.of(new BigDecimal("0.5")),
                Arguments.of(new BigDecimal("1E+1000000000")), Arguments.of(adder));
    }

    static Stream<Arguments> wholeNumbers() {
        return Stream.of(Arguments.of(7.0, "7"), Arguments.of(42L, "42"), Arguments.of(new BigDecimal("12.000"), "12"));
    }

    @ParameterizedTest
    @MethodSource("notWholeNumbers")
    void aNumberThatIsNoWholeNumberIsNoGraphIdAndNothingIsTriggered(Number graphId) {
        wireMock().stubFor(post(anyUrl()).willReturn(okJson("{\"id\":\"run-1\"}")));

        Exchange exchange = send("hightouch:triggerIdrRun", "body", Map.of(HightouchConstants.GRAPH_ID, graphId));

        assertThat(HIGHTOUCH.requests()).as("requests sent for the graph id %s", graphId).isEmpty();
        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(Violation::field)
                .containsExactly("header " + HightouchConstants.GRAPH_ID);
    }

    @ParameterizedTest
    @MethodSource("wholeNumbers")
    void aWholeNumberIsSentAsItsDigits(Number graphId, String sent) {
        wireMock().stubFor(post(anyUrl()).willReturn(okJson("{\"id\":\"run-1\"}")));

        Exchange exchange = send("hightouch:triggerIdrRun", "body", Map.of(HightouchConstants.GRAPH_ID, graphId));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).singleElement()
                .satisfies(request -> assertThat(request.getUrl()).isEqualTo(API + "/idr/" + sent + "/trigger"));
    }
}
