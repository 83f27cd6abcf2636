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
package io.github.camelhightouch.internal.body;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelhightouch.HightouchValidationException.Violation;

/**
 * What an operation's JSON object must look like: typed fields, required or optional, nullable or not (a null is
 * refused unless the field is declared nullable, as Hightouch's description declares only a sync's schedule), nested
 * objects, whether other fields are allowed, and rules across fields. Validation collects every problem instead of stopping at the first,
 * and converts numeric and boolean strings (CSV-like input) in place where a number or a boolean is due.
 * <p>
 * Numbers must be finite doubles, as Hightouch reads them: NaN, the infinities and values beyond the range of a
 * double ({@code "1e999"}) are refused, whether a number field holds them as a Java number, JSON or a numeric
 * string; so is a non-finite number anywhere inside an object or free-form field, since JSON cannot carry it. A
 * numeric string longer than {@value #MAX_NUMBER_CHARS} characters (Jackson's own limit for a JSON number) is not a
 * number.
 */
public final class RecordSchema {

    /** The longest numeric string converted to a number. */
    public static final int MAX_NUMBER_CHARS = 1000;

    private static final String FINITE = "must be a finite number, got ";

    /** The JSON types a field can require. */
    public enum Kind {
        STRING("a string"),
        NON_EMPTY_STRING("a non-empty string"),
        NUMBER("a number"),
        BOOLEAN("a boolean"),
        OBJECT("a JSON object"),
        /** A JSON array; its elements as the field's items say. */
        ARRAY("an array"),
        /** A JSON object whose values are all strings. */
        STRING_MAP("a JSON object of strings"),
        ANY("present");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** A rule across fields, adding its violations to the list. */
    @FunctionalInterface
    public interface Rule {
        void check(ObjectNode record, String path, List<Violation> violations);
    }

    /**
     * A field; {@code nullable} only where Hightouch's description says {@code nullable: true}: elsewhere a null is a
     * value of no declared type, refused like any other, whether the field is required or optional.
     */
    private record Field(String name, Kind kind, boolean required, RecordSchema nested, Items items, Set<String> allowed,
                         boolean nullable) {
        Field(String name, Kind kind, boolean required, RecordSchema nested) {
            this(name, kind, required, nested, null, null, false);
        }

        Field(String name, Kind kind, boolean required, RecordSchema nested, Items items, Set<String> allowed) {
            this(name, kind, required, nested, items, allowed, false);
        }
    }

    /**
     * What the elements of an array field must be: objects of a schema, or values of a kind; and how many.
     */
    private record Items(RecordSchema schema, Kind kind, int min, int max) {
    }

    private final Map<String, Field> fields;
    private final boolean closed;
    private final List<Rule> rules;

    private RecordSchema(Map<String, Field> fields, boolean closed, List<Rule> rules) {
        this.fields = fields;
        this.closed = closed;
        this.rules = rules;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates a record, converting numeric and boolean strings in place.
     *
     * @param  record the JSON value, converted in place
     * @param  path   the path of the record in field names ("" for the body, "[3]" for an element of a List body)
     * @return        every problem found, empty when the record is valid
     */
    public List<Violation> validate(JsonNode record, String path) {
        List<Violation> violations = new ArrayList<>();
        validate(record, path, violations);
        return violations;
    }

    void validate(JsonNode record, String path, List<Violation> violations) {
        if (record == null || !record.isObject()) {
            violations.add(new Violation(path.isEmpty() ? "body" : path,
                    "must be a JSON object, got " + describe(record)));
            return;
        }
        ObjectNode object = (ObjectNode) record;
        for (Field field : fields.values()) {
            String fieldPath = join(path, field.name());
            JsonNode value = object.get(field.name());
            if (value == null) {
                if (field.required()) {
                    violations.add(new Violation(fieldPath, "is required"));
                }
                continue;
            }
            if (value.isNull()) {
                if (!field.nullable()) {
                    violations.add(new Violation(fieldPath, "must not be null"));
                }
                continue;
            }
            JsonNode converted = convert(value, field.kind());
            if (converted == null) {
                violations.add(new Violation(fieldPath, refusal(value, field.kind())));
                continue;
            }
            if (converted != value) {
                object.set(field.name(), converted);
            }
            if (field.allowed() != null && !field.allowed().contains(converted.asText())) {
                violations.add(new Violation(fieldPath, "must be one of " + String.join(", ", field.allowed()) + ", got "
                                                        + describe(converted)));
            } else if (field.items() != null) {
                validateItems(converted, field.items(), fieldPath, violations);
            } else if (field.nested() != null) {
                field.nested().validate(converted, fieldPath, violations);
            } else if (field.kind() == Kind.OBJECT || field.kind() == Kind.ANY) {
                refuseNonFinite(converted, fieldPath, violations);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> others = object.fields(); others.hasNext();) {
            Map.Entry<String, JsonNode> other = others.next();
            if (fields.containsKey(other.getKey())) {
                continue;
            }
            if (closed) {
                violations.add(new Violation(join(path, other.getKey()), "is not allowed (allowed fields: "
                                                                         + String.join(", ", fields.keySet()) + ")"));
            } else {
                refuseNonFinite(other.getValue(), join(path, other.getKey()), violations);
            }
        }
        for (Rule rule : rules) {
            rule.check(object, path, violations);
        }
    }

    /**
     * Checks the size of an array and each of its elements, named {@code field[i]}.
     */
    private static void validateItems(JsonNode array, Items items, String path, List<Violation> violations) {
        if (array.size() < items.min()) {
            violations.add(new Violation(path, "must have at least " + items.min() + " element"
                                               + (items.min() == 1 ? "" : "s") + ", got " + array.size()));
        } else if (array.size() > items.max()) {
            violations.add(new Violation(path, "must have at most " + items.max() + " elements, got " + array.size()));
        }
        for (int i = 0; i < array.size(); i++) {
            String elementPath = path + "[" + i + "]";
            JsonNode element = array.get(i);
            if (items.schema() != null) {
                items.schema().validate(element, elementPath, violations);
                continue;
            }
            JsonNode converted = element == null || element.isNull() ? null : convert(element, items.kind());
            if (converted == null) {
                violations.add(new Violation(elementPath, refusal(element, items.kind())));
            } else if (converted != element) {
                ((ArrayNode) array).set(i, converted);
            }
        }
    }

    /**
     * Why a value that cannot be of the kind is refused.
     */
    private static String refusal(JsonNode value, Kind kind) {
        if (kind == Kind.NUMBER && (value.isNumber() || value.isTextual() && nonFiniteText(value.asText().trim()))) {
            return FINITE + describe(value);
        }
        return "must be " + kind.description + ", got " + describe(value);
    }

    /**
     * Adds a violation for every NaN or infinite number in the value, at any depth (walked without recursion).
     */
    static void refuseNonFinite(JsonNode value, String path, List<Violation> violations) {
        Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry(path, value));
        while (!todo.isEmpty()) {
            Map.Entry<String, JsonNode> next = todo.pop();
            JsonNode node = next.getValue();
            if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
                violations.add(new Violation(next.getKey(), FINITE + describe(node)));
            } else if (node.isContainerNode()) {
                List<Map.Entry<String, JsonNode>> children = new ArrayList<>(node.size());
                if (node.isObject()) {
                    node.fields().forEachRemaining(field -> children.add(
                            Map.entry(join(next.getKey(), field.getKey()), field.getValue())));
                } else {
                    for (int i = 0; i < node.size(); i++) {
                        children.add(Map.entry(next.getKey() + "[" + i + "]", node.get(i)));
                    }
                }
                for (int i = children.size() - 1; i >= 0; i--) {
                    todo.push(children.get(i));
                }
            }
        }
    }

    /**
     * The value as the kind requires, a converted node for numeric and boolean strings, or null when it cannot be.
     */
    private static JsonNode convert(JsonNode value, Kind kind) {
        switch (kind) {
            case STRING:
                return value.isTextual() ? value : null;
            case NON_EMPTY_STRING:
                return value.isTextual() && !value.asText().isBlank() ? value : null;
            case NUMBER:
                if (value.isNumber()) {
                    return Double.isFinite(value.doubleValue()) ? value : null;
                }
                return value.isTextual() ? parseNumber(value.asText().trim()) : null;
            case BOOLEAN:
                if (value.isBoolean()) {
                    return value;
                }
                if (value.isTextual()) {
                    String text = value.asText().trim().toLowerCase(Locale.ROOT);
                    if ("true".equals(text) || "false".equals(text)) {
                        return BooleanNode.valueOf(Boolean.parseBoolean(text));
                    }
                }
                return null;
            case OBJECT:
                return value.isObject() ? value : null;
            case ARRAY:
                return value.isArray() ? value : null;
            case STRING_MAP:
                if (!value.isObject()) {
                    return null;
                }
                for (JsonNode element : value) {
                    if (!element.isTextual()) {
                        return null;
                    }
                }
                return value;
            default:
                return value;
        }
    }

    /**
     * A numeric string as a number node, or null when it is not a number or not a finite double.
     */
    private static JsonNode parseNumber(String text) {
        if (text.isEmpty() || text.length() > MAX_NUMBER_CHARS) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(text);
            if (!Double.isFinite(number.doubleValue())) {
                return null;
            }
            try {
                long l = number.longValueExact();
                return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? IntNode.valueOf((int) l) : LongNode.valueOf(l);
            } catch (ArithmeticException notIntegral) {
                return DecimalNode.valueOf(number);
            }
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Whether the text reads as NaN or an infinity (as Java reads a double: {@code "NaN"}, {@code "-Infinity"},
     * {@code "1e999"}).
     */
    private static boolean nonFiniteText(String text) {
        if (text.isEmpty() || text.length() > MAX_NUMBER_CHARS) {
            return false;
        }
        try {
            return !Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isTextual()) {
            String text = node.asText();
            return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isNumber()) {
            String text = node.asText();
            return "number " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
    }

    /**
     * Builds a schema field by field.
     */
    public static final class Builder {
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private final List<Rule> rules = new ArrayList<>();
        private boolean closed;

        public Builder required(String name, Kind kind) {
            fields.put(name, new Field(name, kind, true, null));
            return this;
        }

        public Builder required(String name, RecordSchema nested) {
            fields.put(name, new Field(name, Kind.OBJECT, true, nested));
            return this;
        }

        public Builder optional(String name, Kind kind) {
            fields.put(name, new Field(name, kind, false, null));
            return this;
        }

        public Builder optional(String name, RecordSchema nested) {
            fields.put(name, new Field(name, Kind.OBJECT, false, nested));
            return this;
        }

        /** An optional object field of the schema that may also be null ({@code nullable: true} in the description). */
        public Builder optionalNullable(String name, RecordSchema nested) {
            fields.put(name, new Field(name, Kind.OBJECT, false, nested, null, null, true));
            return this;
        }

        /** A required string field that must be one of the given values. */
        public Builder requiredOneOf(String name, String... values) {
            fields.put(name, new Field(name, Kind.STRING, true, null, null, orderedSet(values)));
            return this;
        }

        /** An optional string field that, when present, must be one of the given values. */
        public Builder optionalOneOf(String name, String... values) {
            fields.put(name, new Field(name, Kind.STRING, false, null, null, orderedSet(values)));
            return this;
        }

        /** A required array of objects of the schema, with min to max elements. */
        public Builder requiredArray(String name, RecordSchema items, int min, int max) {
            fields.put(name, new Field(name, Kind.ARRAY, true, null, new Items(items, null, min, max), null));
            return this;
        }

        /** An optional array of objects of the schema, of any length. */
        public Builder optionalArray(String name, RecordSchema items) {
            fields.put(name, new Field(name, Kind.ARRAY, false, null, new Items(items, null, 0, Integer.MAX_VALUE), null));
            return this;
        }

        /** An optional array of values of the kind, of any length. */
        public Builder optionalArray(String name, Kind items) {
            fields.put(name, new Field(name, Kind.ARRAY, false, null, new Items(null, items, 0, Integer.MAX_VALUE), null));
            return this;
        }

        private static Set<String> orderedSet(String... values) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
        }

        /** No field other than the declared ones is allowed. */
        public Builder closed() {
            this.closed = true;
            return this;
        }

        public Builder rule(Rule rule) {
            rules.add(rule);
            return this;
        }

        public RecordSchema build() {
            return new RecordSchema(Collections.unmodifiableMap(new LinkedHashMap<>(fields)), closed, List.copyOf(rules));
        }
    }
}
