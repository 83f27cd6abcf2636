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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchOperationOptions;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The ids Hightouch types as numbers (sourceId, modelId, destinationId, syncId, syncRunId) are positive integers up
 * to Long.MAX_VALUE, from options and headers alike, whatever Java type carries them; an accepted id is always a plain
 * decimal (leading zeros dropped) that fills exactly one path segment. Text ids keep their own rules.
 */
class IdRulesTest {

    private static final Set<Id> NUMERIC = EnumSet.of(Id.SOURCE, Id.MODEL, Id.DESTINATION, Id.SYNC, Id.SYNC_RUN);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final CamelContext CAMEL = new DefaultCamelContext();

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();

    // ---- the rule, written independently of the component

    /** The id the value stands for, as a plain decimal, or empty when it is not a positive integer up to Long.MAX_VALUE. */
    static Optional<String> expectedId(Object value) {
        BigInteger integer = null;
        if (value instanceof String text) {
            String trimmed = text.trim();
            if (trimmed.matches("[0-9]{1,256}")) {
                integer = new BigInteger(trimmed);
            }
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            integer = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            integer = big;
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e30) {
                integer = new BigDecimal(d).toBigIntegerExact();
            }
        } else if (value instanceof BigDecimal decimal && decimal.precision() - decimal.scale() < 30) {
            BigDecimal stripped = decimal.stripTrailingZeros();
            if (stripped.scale() <= 0) {
                integer = stripped.toBigIntegerExact();
            }
        }
        return integer != null && integer.signum() > 0 && integer.compareTo(MAX) <= 0
                ? Optional.of(integer.toString()) : Optional.empty();
    }

    // ---- properties over arbitrary values

    @Provide
    Arbitrary<Object> idValues() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(Object.class::cast),
                Arbitraries.strings().withChars("0123456789+-. eE_\t").ofMaxLength(25).map(Object.class::cast),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(22).map(Object.class::cast),
                Arbitraries.of("0", "-1", "+7", "007", " 42 ", "42.0", "1e3", "0x2A", "9223372036854775807",
                        "9223372036854775808", "٤٢", "42\n", "4 2", "１２", "000000000000000000000000000001"),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.shorts().map(Object.class::cast),
                Arbitraries.bigIntegers().between(MAX.negate().shiftLeft(2), MAX.shiftLeft(2)).map(Object.class::cast),
                Arbitraries.doubles().withStandardSpecialValues().map(Object.class::cast),
                Arbitraries.longs().between(-10, 1L << 53).map(l -> (Object) (double) l),
                Arbitraries.bigDecimals().between(BigDecimal.valueOf(-1e20), BigDecimal.valueOf(1e20)).ofScale(3)
                        .map(Object.class::cast),
                Arbitraries.of(new BigDecimal("42.00"), new BigDecimal("4.2E+1"), new BigDecimal("1E+1000000000"),
                        new BigDecimal("1E-1000000000"), new BigDecimal("9223372036854775807.0"), Float.NaN, 42.5f,
                        Boolean.TRUE, List.of(1), Map.of("id", 1), new Object()));
    }

    @Provide
    Arbitrary<Id> numericIds() {
        return Arbitraries.of(NUMERIC);
    }

    @Property(tries = 2000)
    void aHeaderIdIsAcceptedExactlyWhenItIsAPositiveLong(@ForAll("numericIds") Id id, @ForAll("idValues") Object value) {
        Message message = new DefaultMessage(CAMEL);
        message.setHeader(id.header(), value);
        Optional<String> expected = expectedId(value);

        Throwable refusal = catchThrowable(() -> {
            String accepted = new IdResolver("getSource", new HightouchOperationOptions()).header(id, message);
            assertThat(Optional.of(accepted)).as("accepted %s (%s)", value, value.getClass().getSimpleName())
                    .isEqualTo(expected);
            assertIsOnePlainSegment(accepted);
        });

        if (expected.isPresent()) {
            assertThat(refusal).as("%s (%s)", value, value.getClass().getSimpleName()).isNull();
        } else {
            assertThat(refusal).as("%s (%s)", value, value.getClass().getSimpleName())
                    .isInstanceOf(HightouchValidationException.class);
            assertThat(((HightouchValidationException) refusal).getViolations()).extracting(Violation::field)
                    .containsExactly("header " + id.header());
        }
    }

    @Property(tries = 1000)
    void anOptionIdIsAcceptedExactlyWhenItIsAPositiveLong(@ForAll("numericIds") Id id, @ForAll("idValues") Object value)
            throws Exception {
        String text = String.valueOf(value);
        HightouchOperationOptions options = new HightouchOperationOptions();
        set(options, id, text);
        IdResolver resolver = new IdResolver("getSource", options);
        Optional<String> expected = expectedId(text);

        if (expected.isPresent()) {
            resolver.checkOptions();
            String accepted = resolver.option(id);
            assertThat(accepted).isEqualTo(expected.get());
            assertIsOnePlainSegment(accepted);
        } else {
            assertThatThrownBy(resolver::checkOptions).as("option %s=%s", id.option(), text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(id.option() + ": ");
        }
    }

    @Property(tries = 1000)
    void aTextIdKeepsItsRulesAndFillsOneSegment(@ForAll("idValues") Object value) {
        Message message = new DefaultMessage(CAMEL);
        message.setHeader(Id.SYNC_SEQUENCE.header(), value);

        Throwable refusal = catchThrowable(() -> {
            String accepted = new IdResolver("triggerSyncSequence", new HightouchOperationOptions())
                    .header(Id.SYNC_SEQUENCE, message);
            if (value instanceof String text) {
                assertThat(accepted).isEqualTo(text.trim());
            }
            String segment = IdResolver.encode(accepted);
            assertThat(segment).doesNotContain("/", "?", "#").isNotIn(".", "..", "");
        });

        if (refusal != null) {
            assertThat(refusal).isInstanceOf(HightouchValidationException.class);
            assertThat(((HightouchValidationException) refusal).getViolations()).extracting(Violation::field)
                    .containsExactly("header " + Id.SYNC_SEQUENCE.header());
        }
    }

    private static void assertIsOnePlainSegment(String accepted) {
        assertThat(accepted).matches("[1-9][0-9]{0,18}");
        assertThat(new BigInteger(accepted)).isLessThanOrEqualTo(MAX);
        assertThat(IdResolver.encode(accepted)).isEqualTo(accepted);
        assertThat(IdResolver.expand("/sources/{sourceId}", Id.SOURCE, accepted).split("/", -1)).hasSize(3);
    }

    private static void set(HightouchOperationOptions options, Id id, String value) {
        switch (id) {
            case SOURCE -> options.setSourceId(value);
            case MODEL -> options.setModelId(value);
            case DESTINATION -> options.setDestinationId(value);
            case SYNC -> options.setSyncId(value);
            case SYNC_RUN -> options.setSyncRunId(value);
            default -> throw new IllegalArgumentException(id.name());
        }
    }

    // ---- examples, through endpoints

    static Stream<Arguments> acceptedHeaders() {
        return Stream.of(Arguments.of("42", "42"), Arguments.of(42, "42"), Arguments.of(42L, "42"),
                Arguments.of(BigInteger.valueOf(42), "42"), Arguments.of(42.0, "42"),
                Arguments.of(new BigDecimal("42.00"), "42"), Arguments.of("007", "7"), Arguments.of(" 42 ", "42"),
                Arguments.of(Long.MAX_VALUE, "9223372036854775807"));
    }

    @ParameterizedTest(name = "header {0}")
    @MethodSource("acceptedHeaders")
    void anAcceptedHeaderIsSentAsAPlainDecimal(Object header, String path) throws Exception {
        HIGHTOUCH.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathMatching("/api/v1/sources/.*"))
                .willReturn(okJson("{\"id\":42}")));
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.start();
            Exchange result = context.createProducerTemplate().request("hightouch:getSource",
                    e -> e.getMessage().setHeader(HightouchConstants.SOURCE_ID, header));
            assertThat(result.getException()).isNull();
        }
        assertThat(HIGHTOUCH.requests()).extracting(r -> r.getUrl()).containsExactly("/api/v1/sources/" + path);
    }

    static Stream<Arguments> refusedHeaders() {
        return Stream.of(Arguments.of("0"), Arguments.of("-1"), Arguments.of("+7"), Arguments.of(0), Arguments.of(-1L),
                Arguments.of("9223372036854775808"), Arguments.of(BigInteger.ONE.shiftLeft(63)), Arguments.of(42.5),
                Arguments.of(Double.NaN), Arguments.of(1e19), Arguments.of(new BigDecimal("-42.0")), Arguments.of("1e3"),
                Arguments.of("0x2A"), Arguments.of("4/2"));
    }

    @ParameterizedTest(name = "header {0}")
    @MethodSource("refusedHeaders")
    void aRefusedHeaderNamesTheHeaderAndSendsNothing(Object header) throws Exception {
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.start();
            Exchange result = context.createProducerTemplate().request("hightouch:getSync",
                    e -> e.getMessage().setHeader(HightouchConstants.SYNC_ID, header));
            assertThat(result.getException()).isInstanceOf(HightouchValidationException.class)
                    .hasMessageContaining("header " + HightouchConstants.SYNC_ID + ": must be a Hightouch id");
        }
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @ParameterizedTest(name = "sourceId={0}")
    @ValueSource(strings = { "0", "-1", "RAW(+7)", "9223372036854775808", "99999999999999999999", "1.5", "00" })
    void aRefusedOptionFailsTheEndpointNamingTheOption(String sourceId) throws Exception {
        try (CamelContext context = HIGHTOUCH.newContext()) {
            context.start();
            assertThatThrownBy(() -> context.getEndpoint("hightouch:getSource?sourceId=" + sourceId))
                    .hasStackTraceContaining("sourceId: must be a Hightouch id");
        }
    }

    @Test
    void aTextIdIsNotNormalised() throws Exception {
        Message message = new DefaultMessage(CAMEL);
        message.setHeader(Id.SYNC_SEQUENCE.header(), "007");

        assertThat(new IdResolver("triggerSyncSequence", new HightouchOperationOptions()).header(Id.SYNC_SEQUENCE, message))
                .isEqualTo("007");
    }
}
