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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.body.OperationSchemas;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * JSON has no NaN or Infinity and Hightouch types its numbers as doubles: a number field holding NaN, an infinity, or
 * a value beyond the range of a double (as a string, a Java number or JSON text) is refused naming the field, before
 * any request.
 */
class NonFiniteNumberTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();

    private static Map<String, Object> model(Object sourceId) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", "Model m");
        record.put("slug", "m");
        record.put("queryType", "raw_sql");
        record.put("sourceId", sourceId);
        record.put("isSchema", false);
        record.put("primaryKey", "id");
        record.put("raw", Map.of("sql", "select 1"));
        return record;
    }

    private static HightouchValidationException refused(String uri, Object body) throws Exception {
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.start();
            Exchange result = context.createProducerTemplate().request(uri, e -> e.getMessage().setBody(body));
            assertThat(result.getException()).isInstanceOf(HightouchValidationException.class);
            assertThat(HIGHTOUCH.server().findAll(anyRequestedFor(anyUrl()))).as("requests").isEmpty();
            return (HightouchValidationException) result.getException();
        }
    }

    static Stream<Arguments> nonFiniteSourceIds() {
        return Stream.of(
                Arguments.of("NaN"), Arguments.of("Infinity"), Arguments.of("-Infinity"), Arguments.of("+Infinity"),
                Arguments.of("1e999"), Arguments.of("-1e999"), Arguments.of(" 1E400 "), Arguments.of("1" + "0".repeat(400)),
                Arguments.of(Double.NaN), Arguments.of(Double.POSITIVE_INFINITY), Arguments.of(Double.NEGATIVE_INFINITY),
                Arguments.of(Float.NaN), Arguments.of(Float.POSITIVE_INFINITY), Arguments.of(new BigDecimal("1e999")),
                Arguments.of(new BigDecimal("-1e400")), Arguments.of(BigInteger.TEN.pow(400)));
    }

    @ParameterizedTest(name = "sourceId {0}")
    @MethodSource("nonFiniteSourceIds")
    void aNonFiniteNumberIsRefusedNamingTheField(Object sourceId) throws Exception {
        HightouchValidationException e = refused("hightouch:createModel", model(sourceId));

        assertThat(e.getViolations()).extracting(Violation::field).containsExactly("sourceId");
        assertThat(e.getViolations().get(0).reason()).startsWith("must be a finite number");
    }

    @Test
    void aNonFiniteNumberInJsonTextIsRefused() throws Exception {
        String body = JSON.writeValueAsString(model(0)).replace("\"sourceId\":0", "\"sourceId\":1e999");

        HightouchValidationException e = refused("hightouch:createModel", body);

        assertThat(e.getViolations()).extracting(Violation::field, Violation::reason)
                .containsExactly(tuple("sourceId", "must be a finite number, got number Infinity"));
    }

    @Test
    void nestedAndEveryNumberFieldIsChecked() throws Exception {
        Map<String, Object> model = model(12);
        model.put("queryType", "visual");
        model.remove("raw");
        model.put("visual", Map.of("filter", Map.of(), "parentId", "NaN"));
        Map<String, Object> sync = new LinkedHashMap<>();
        sync.put("slug", "nightly");
        sync.put("configuration", Map.of("mode", "upsert"));
        sync.put("destinationId", Double.NaN);
        sync.put("modelId", "Infinity");
        sync.put("schedule", null);
        sync.put("disabled", false);

        assertThat(refused("hightouch:createModel", model).getViolations()).extracting(Violation::field)
                .containsExactly("visual.parentId");
        assertThat(refused("hightouch:createSync", sync).getViolations()).extracting(Violation::field)
                .containsExactly("destinationId", "modelId");
    }

    @Test
    void aNonFiniteNumberInsideAnObjectIsRefusedWithItsPath() throws Exception {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("host", "db.example.com");
        configuration.put("port", Double.NaN);
        configuration.put("replicas", List.of(1, Double.POSITIVE_INFINITY));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("name", "Source pg");
        source.put("slug", "pg");
        source.put("type", "postgres");
        source.put("configuration", configuration);

        HightouchValidationException e = refused("hightouch:createSource", source);

        assertThat(e.getViolations()).extracting(Violation::field)
                .containsExactly("configuration.port", "configuration.replicas[1]");
    }

    @Test
    void finiteNumbersAndNumericStringsStillGoThrough() throws Exception {
        HIGHTOUCH.server().stubFor(post(urlPathEqualTo("/api/v1/models")).willReturn(okJson("{\"id\":1}")));
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.start();
            for (Object sourceId : List.of("12", " 1e3 ", 12.0, new BigDecimal("1.5e2"), Double.MAX_VALUE)) {
                Exchange result = context.createProducerTemplate().request("hightouch:createModel",
                        e -> e.getMessage().setBody(model(sourceId)));
                assertThat(result.getException()).as("sourceId %s", sourceId).isNull();
            }
        }
        List<Double> sent = new java.util.ArrayList<>();
        for (var request : HIGHTOUCH.requests()) {
            sent.add(JSON.readTree(request.getBody()).get("sourceId").doubleValue());
        }
        assertThat(sent).containsExactly(12.0, 1000.0, 12.0, 150.0, Double.MAX_VALUE);
    }

    @Provide
    Arbitrary<String> numericText() {
        Arbitrary<String> doubles = Arbitraries.doubles().map(d -> Double.toString(d));
        Arbitrary<String> exponents = Arbitraries.integers().between(-1000, 1000)
                .flatMap(e -> Arbitraries.integers().between(-999, 999).map(m -> m + "e" + e));
        Arbitrary<String> specials = Arbitraries.of("NaN", "Infinity", "-Infinity", "+NaN", "1e999", "0x10", "1_000",
                "4.9e-325", "1.7976931348623159e308", "-0", "");
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789.eE+- ").ofMaxLength(30);
        return Arbitraries.oneOf(doubles, exponents, specials, digits);
    }

    @Property(tries = 1000)
    void anAcceptedNumberStringIsAlwaysAFiniteDouble(@ForAll("numericText") String text) {
        ObjectNode record = (ObjectNode) JSON.valueToTree(model(text));

        List<Violation> violations = OperationSchemas.CREATE_MODEL.validate(record, "");

        JsonNode converted = record.get("sourceId");
        if (violations.isEmpty()) {
            assertThat(converted.isNumber()).as("converted %s", text).isTrue();
            assertThat(Double.isFinite(converted.doubleValue())).as("finite %s", text).isTrue();
        } else {
            assertThat(violations).extracting(Violation::field).containsExactly("sourceId");
        }
    }

    @Property(tries = 1000)
    void aDoubleIsAcceptedExactlyWhenFinite(@ForAll double value) {
        List<Violation> violations = OperationSchemas.CREATE_MODEL.validate(JSON.valueToTree(model(value)), "");

        assertThat(violations.isEmpty()).as("accepted %s", value).isEqualTo(Double.isFinite(value));
    }
}
