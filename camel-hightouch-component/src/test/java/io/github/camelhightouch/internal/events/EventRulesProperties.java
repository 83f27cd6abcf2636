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
package io.github.camelhightouch.internal.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.body.JsonBodies;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator and the enricher over the input space: every field of an event absent, null, or any JSON kind (blank
 * and long strings, integers, decimals, booleans, objects, arrays), for every type. The validator's verdict is
 * compared with the rules written out independently here; the enricher must keep every field the user set, add only
 * what is missing, and do nothing the second time. No body makes the reader throw.
 */
class EventRulesProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIELDS = List.of("userId", "anonymousId", "previousId", "event", "groupId",
            "properties", "traits", "context", "messageId", "timestamp");

    @Provide
    Arbitrary<JsonNode> values() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of("", " ", "\t", "u1", "x".repeat(EventValidator.MAX_ID_CHARS),
                        "y".repeat(EventValidator.MAX_ID_CHARS + 1), "2024-01-01T00:00:00Z", "2024-01-01",
                        "2024-01-01T00:00:00.123+02:00", "yesterday", "2024-13-01T00:00:00Z").map(NODES::textNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().between(-1e6, 1e6).map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.objectNode().put("k", "v")),
                Arbitraries.just(NODES.objectNode()),
                Arbitraries.just(NODES.arrayNode().add(1)));
    }

    /** An event: each field absent (null here) or one of the values. */
    @Provide
    Arbitrary<ObjectNode> events() {
        Arbitrary<JsonNode> maybe = Arbitraries.oneOf(Arbitraries.just((JsonNode) null), values());
        return maybe.list().ofSize(FIELDS.size()).map(values -> {
            ObjectNode event = NODES.objectNode();
            for (int i = 0; i < FIELDS.size(); i++) {
                if (values.get(i) != null) {
                    event.set(FIELDS.get(i), values.get(i));
                }
            }
            return event;
        });
    }

    @Provide
    Arbitrary<EventType> types() {
        return Arbitraries.of(EventType.class);
    }

    @Property(tries = 2000)
    void theValidatorFollowsTheRules(@ForAll("events") ObjectNode event, @ForAll("types") EventType type) {
        List<Violation> violations = new ArrayList<>();
        new EventValidator().check(event.deepCopy(), type, "", violations);

        Set<String> fields = new HashSet<>();
        violations.forEach(v -> fields.add(v.field()));
        assertThat(fields).isEqualTo(expectedProblems(event, type));
        assertThat(violations).allSatisfy(v -> assertThat(v.reason()).isNotBlank().doesNotContain("u1"));
    }

    @Property(tries = 500)
    void inABatchTheTypeIsRequiredAndFieldsArePrefixed(@ForAll("events") ObjectNode event,
                                                       @ForAll("types") EventType type, @ForAll boolean typed) {
        ObjectNode inBatch = event.deepCopy();
        if (typed) {
            inBatch.put("type", type.wire());
        }
        List<Violation> violations = new ArrayList<>();
        EventType found = new EventValidator().check(inBatch, null, "[7].", violations);

        assertThat(violations).allSatisfy(v -> assertThat(v.field()).startsWith("[7]."));
        if (typed) {
            assertThat(found).isEqualTo(type);
            Set<String> expected = new HashSet<>();
            expectedProblems(event, type).forEach(f -> expected.add("[7]." + f));
            assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrderElementsOf(expected);
        } else {
            assertThat(found).isNull();
            assertThat(violations).extracting(Violation::field).contains("[7].type");
        }
    }

    @Property(tries = 1000)
    void theEnricherKeepsWhatIsSetAndAddsWhatIsMissing(@ForAll("events") ObjectNode generated,
                                                       @ForAll("types") EventType type) {
        // the enricher runs on valid events only: the fields it looks at are made valid (the rest it ignores)
        ObjectNode event = generated.deepCopy();
        Set<String> problems = expectedProblems(event, type);
        for (String field : List.of("context", "messageId", "timestamp")) {
            if (problems.contains(field)) {
                event.remove(field);
            }
        }
        ObjectNode original = event.deepCopy();
        Instant now = Instant.parse("2026-01-02T03:04:05.678912Z");

        String messageId = new EventEnricher().enrich(event, type, now);

        assertThat(event.get("type").asText()).isEqualTo(type.wire());
        assertThat(messageId).isEqualTo(event.get("messageId").asText()).isNotBlank();
        for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull() || field.getKey().equals("context")) {
                continue;
            }
            assertThat(event.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
        }
        if (!isSet(original.get("messageId"))) {
            assertThat(java.util.UUID.fromString(messageId)).isNotNull();
        }
        if (!isSet(original.get("timestamp"))) {
            assertThat(event.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        }
        JsonNode context = event.get("context");
        JsonNode originalContext = original.get("context");
        if (isSet(originalContext)) {
            originalContext.fields().forEachRemaining(f -> assertThat(context.get(f.getKey())).isEqualTo(f.getValue()));
        }
        if (!isSet(originalContext) || !isSet(originalContext.get("library"))) {
            assertThat(context.get("library").get("name").asText()).isEqualTo("camel-hightouch");
        }
        ObjectNode once = event.deepCopy();
        new EventEnricher().enrich(event, type, now.plusSeconds(60));
        assertThat(event).isEqualTo(once);
    }

    @Provide
    Arbitrary<Object> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200).map(s -> (Object) s),
                Arbitraries.strings().withChars("{}[]\":,0123456789truefalsn ").ofMaxLength(100).map(s -> (Object) s),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(100).map(b -> (Object) b),
                events().map(e -> (Object) e.toString()),
                events().list().ofMaxSize(5).map(l -> (Object) l.toString()),
                Arbitraries.just(List.of()), Arbitraries.just((Object) 42),
                Combinators.combine(events(), events()).as((a, b) -> (Object) List.of(a, 7, b.toString())));
    }

    @Property(tries = 1000)
    void noBodyMakesTheReaderThrow(@ForAll("bodies") Object body, @ForAll boolean list) {
        EventReader reader = new EventReader(new JsonBodies(MAPPER, 1024 * 1024));
        List<Violation> violations = new ArrayList<>();

        List<EventReader.Read> events = reader.read(body, list, violations);

        assertThat(events.isEmpty() || violations.isEmpty() || list).isTrue();
        assertThat(events.isEmpty() && violations.isEmpty()).isFalse();
        assertThat(violations).allSatisfy(v -> assertThat(v.field()).matches("body|\\[\\d+\\]"));
    }

    /** The rules of the Events API, written out on their own. */
    private static Set<String> expectedProblems(ObjectNode event, EventType type) {
        Set<String> problems = new HashSet<>();
        if (type == EventType.ALIAS) {
            if (!isId(event.get("previousId"))) {
                problems.add("previousId");
            }
            if (!isId(event.get("userId"))) {
                problems.add("userId");
            }
        } else if (!isId(event.get("userId")) && !isId(event.get("anonymousId"))) {
            if (isSet(event.get("userId")) || !isSet(event.get("anonymousId"))) {
                problems.add("userId");
            }
            if (isSet(event.get("anonymousId"))) {
                problems.add("anonymousId");
            }
        }
        if (type == EventType.TRACK) {
            JsonNode name = event.get("event");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                problems.add("event");
            }
        }
        if (type == EventType.GROUP && !isId(event.get("groupId"))) {
            problems.add("groupId");
        }
        for (String field : List.of("properties", "traits", "context")) {
            if (isSet(event.get(field)) && !event.get(field).isObject()) {
                problems.add(field);
            }
        }
        // a messageId is a string only (Hightouch refuses the batch over a number), unlike the ids of people
        if (isSet(event.get("messageId")) && !(event.get("messageId").isTextual() && isId(event.get("messageId")))) {
            problems.add("messageId");
        }
        JsonNode timestamp = event.get("timestamp");
        if (isSet(timestamp) && (!timestamp.isTextual() || !Set.of("2024-01-01T00:00:00Z", "2024-01-01",
                "2024-01-01T00:00:00.123+02:00").contains(timestamp.asText()))) {
            problems.add("timestamp");
        }
        return problems;
    }

    private static boolean isSet(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static boolean isId(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            return !node.asText().trim().isEmpty() && node.asText().length() <= EventValidator.MAX_ID_CHARS;
        }
        return node.isIntegralNumber() && node.asText().length() <= EventValidator.MAX_ID_CHARS;
    }
}
