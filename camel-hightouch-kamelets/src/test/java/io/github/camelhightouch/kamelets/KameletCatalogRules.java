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
package io.github.camelhightouch.kamelets;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.xml.sax.InputSource;

/**
 * The rules of the Apache Camel Kamelet catalog, as its validator ({@code script/validator/validator.go}) and its
 * Maven plugin ({@code ValidateKameletsMojo}) apply them to every Kamelet, plus the conventions every catalog Kamelet
 * follows (an icon that is an SVG data URI, a namespace from the catalog's set, {@code spec.types}). One deliberate
 * difference: the catalog wants the provider "Apache Software Foundation", which these Kamelets are not from; they must
 * name {@link #PROVIDER} instead.
 * <p>
 * {@link #check(List)} returns every broken rule of a set of Kamelet files, each naming the file and the field.
 */
final class KameletCatalogRules {

    /** The provider these Kamelets name. */
    static final String PROVIDER = "camel-hightouch";

    /** The values of camel.apache.org/kamelet.namespace that the catalog's Kamelets use. */
    static final Set<String> CATALOG_NAMESPACES = Set.of("AI", "API", "AWS", "Azure", "Bitcoin", "Cache", "Cloud",
            "Database", "Dataset", "EIP", "File", "GCP", "Geo", "Graphql", "HTTP", "IBM", "JIRA", "JSON", "Kafka",
            "Logging", "Mail", "Messaging", "Monitoring", "Networking", "Nosql", "PQC", "Salesforce", "Scheduling",
            "Search", "Social", "System", "Transformation");

    /** The support levels the catalog uses. */
    static final Set<String> SUPPORT_LEVELS = Set.of("Stable", "Preview", "Deprecated");

    private static final Set<String> TYPES = Set.of("source", "sink", "action");
    /** A parameter placeholder in a template, as the validator finds them: {{name}}, {{?name}}, {{name:default}}. */
    private static final Pattern PARAMETER = Pattern.compile("\\{\\{[?]?([A-Za-z0-9-._]+)(?:[:][^}]*)?}}");
    private static final String CREDENTIALS = "urn:camel:group:credentials";
    private static final String DEPRECATED_DESCRIPTOR = "urn:alm:descriptor:com.tectonic.ui";
    private static final String ICON_PREFIX = "data:image/svg+xml;base64,";
    /**
     * English stop words: the validator lets these stay lower case in a property title; every other word must start
     * with a capital.
     */
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "as", "at", "be", "by", "for", "from", "if",
            "in", "into", "is", "it", "its", "no", "not", "of", "on", "or", "per", "so", "than", "that", "the", "then",
            "to", "up", "via", "with");

    /** The endpoint options of the hightouch component, from its generated metadata. */
    private final Set<String> componentOptions = new HashSet<>();
    private final Set<String> componentOperations = new HashSet<>();

    KameletCatalogRules() throws IOException {
        try (InputStream in = KameletCatalogRules.class.getResourceAsStream("/META-INF/io/github/camelhightouch/hightouch.json")) {
            if (in == null) {
                throw new IllegalStateException("the hightouch component metadata is not on the classpath");
            }
            JsonNode properties = new ObjectMapper().readTree(in).path("properties");
            properties.fieldNames().forEachRemaining(componentOptions::add);
            properties.path("operation").path("enum").forEach(value -> componentOperations.add(value.asText()));
        }
    }

    /** One Kamelet file: its name (as on disk) and its text. */
    record KameletFile(String fileName, String text) {
    }

    /** Every broken rule of the files, each as "file: problem"; empty when all follow the rules. */
    List<String> check(List<KameletFile> files) {
        List<String> problems = new ArrayList<>();
        if (files.isEmpty()) {
            problems.add("no Kamelet files");
        }
        Map<String, String> titles = new HashMap<>();
        Map<String, String> descriptions = new HashMap<>();
        Set<String> catalogVersions = new LinkedHashSet<>();
        for (KameletFile file : files) {
            List<String> found = new ArrayList<>();
            Map<String, Object> kamelet;
            try {
                kamelet = map(new Load(LoadSettings.builder().build()).loadFromString(file.text()));
            } catch (RuntimeException e) {
                problems.add(file.fileName() + ": is not valid YAML: " + e.getMessage());
                continue;
            }
            if (kamelet == null) {
                problems.add(file.fileName() + ": is not a YAML mapping");
                continue;
            }
            checkKamelet(file.fileName(), kamelet, found);
            Map<String, Object> definition = map(map(kamelet.get("spec")) == null ? null : map(kamelet.get("spec")).get("definition"));
            if (definition != null) {
                duplicate(titles, definition.get("title"), file.fileName(), "spec.definition.title", found);
                duplicate(descriptions, definition.get("description"), file.fileName(), "spec.definition.description", found);
            }
            Map<String, Object> annotations = map(path(kamelet, "metadata", "annotations"));
            catalogVersions.add(annotations == null ? "" : String.valueOf(annotations.get("camel.apache.org/catalog.version")));
            found.forEach(problem -> problems.add(file.fileName() + ": " + problem));
        }
        if (catalogVersions.size() > 1) {
            problems.add("camel.apache.org/catalog.version differs between the Kamelets: " + catalogVersions);
        }
        return problems;
    }

    private void checkKamelet(String fileName, Map<String, Object> kamelet, List<String> problems) {
        if (!"camel.apache.org/v1".equals(kamelet.get("apiVersion"))) {
            problems.add("apiVersion must be camel.apache.org/v1, is " + kamelet.get("apiVersion"));
        }
        if (!"Kamelet".equals(kamelet.get("kind"))) {
            problems.add("kind must be Kamelet, is " + kamelet.get("kind"));
        }
        Map<String, Object> metadata = map(kamelet.get("metadata"));
        Map<String, Object> spec = map(kamelet.get("spec"));
        if (metadata == null || spec == null) {
            problems.add("metadata and spec are required");
            return;
        }
        String name = String.valueOf(metadata.get("name"));
        if (!fileName.equals(name + ".kamelet.yaml")) {
            problems.add("metadata.name " + name + " does not match the file name");
        }
        Map<String, Object> labels = map(metadata.get("labels"));
        String type = labels == null ? null : (String) labels.get("camel.apache.org/kamelet.type");
        if (!TYPES.contains(type)) {
            problems.add("label camel.apache.org/kamelet.type must be source, sink or action, is " + type);
        } else if (!name.endsWith("-" + type)) {
            problems.add("metadata.name " + name + " does not end with -" + type);
        }
        checkAnnotations(map(metadata.get("annotations")), problems);
        Map<String, Object> definition = map(spec.get("definition"));
        Map<String, Object> template = map(spec.get("template"));
        if (definition == null) {
            problems.add("spec.definition is missing");
            return;
        }
        if (template == null) {
            problems.add("spec.template is missing");
            return;
        }
        checkDefinition(definition, type, problems);
        checkTypes(map(spec.get("types")), type, problems);
        checkDependencies(spec.get("dependencies"), problems);
        checkTemplate(template, definition, type, problems);
    }

    private static void checkAnnotations(Map<String, Object> annotations, List<String> problems) {
        if (annotations == null) {
            problems.add("metadata.annotations are missing");
            return;
        }
        String icon = text(annotations.get("camel.apache.org/kamelet.icon"));
        if (icon.isEmpty()) {
            problems.add("annotation camel.apache.org/kamelet.icon is missing");
        } else if (!icon.startsWith(ICON_PREFIX)) {
            problems.add("annotation camel.apache.org/kamelet.icon must be a " + ICON_PREFIX + " URI");
        } else {
            checkSvg(icon.substring(ICON_PREFIX.length()), problems);
        }
        String version = text(annotations.get("camel.apache.org/catalog.version"));
        if (version.isEmpty() || version.contains("${")) {
            problems.add("annotation camel.apache.org/catalog.version must be the project version, is '" + version + "'");
        }
        String provider = text(annotations.get("camel.apache.org/provider"));
        if (!PROVIDER.equals(provider)) {
            problems.add("annotation camel.apache.org/provider must be " + PROVIDER + ", is '" + provider + "'");
        }
        String level = text(annotations.get("camel.apache.org/kamelet.support.level"));
        if (!SUPPORT_LEVELS.contains(level)) {
            problems.add("annotation camel.apache.org/kamelet.support.level must be one of " + SUPPORT_LEVELS + ", is '" + level + "'");
        }
        if (text(annotations.get("camel.apache.org/kamelet.group")).isEmpty()) {
            problems.add("annotation camel.apache.org/kamelet.group is missing");
        }
        String namespace = text(annotations.get("camel.apache.org/kamelet.namespace"));
        if (!CATALOG_NAMESPACES.contains(namespace)) {
            problems.add("annotation camel.apache.org/kamelet.namespace must be one the catalog uses, is '" + namespace + "'");
        }
    }

    private static void checkSvg(String base64, List<String> problems) {
        try {
            String svg = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            String tag = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)))
                    .getDocumentElement().getTagName();
            if (!"svg".equals(tag)) {
                problems.add("annotation camel.apache.org/kamelet.icon is XML but not an SVG (root " + tag + ")");
            }
        } catch (Exception e) {
            problems.add("annotation camel.apache.org/kamelet.icon is not a base64 SVG: " + e.getMessage());
        }
    }

    private static void checkDefinition(Map<String, Object> definition, String type, List<String> problems) {
        String title = text(definition.get("title"));
        if (title.isEmpty()) {
            problems.add("spec.definition.title is missing");
        } else if (type != null && type.length() > 1
                   && !title.endsWith(Character.toUpperCase(type.charAt(0)) + type.substring(1))) {
            problems.add("spec.definition.title '" + title + "' does not end with the type");
        }
        if (text(definition.get("description")).isEmpty()) {
            problems.add("spec.definition.description is missing");
        }
        if (!"object".equals(definition.get("type"))) {
            problems.add("spec.definition.type must be object");
        }
        Map<String, Object> properties = map(definition.get("properties"));
        if (properties == null) {
            properties = Map.of();
        }
        Set<Object> required = new HashSet<>();
        for (Object name : list(definition.get("required"))) {
            if (!required.add(name)) {
                problems.add("spec.definition.required lists " + name + " twice");
            }
            if (!properties.containsKey(name)) {
                problems.add("spec.definition.required lists " + name + ", which is not a property");
            }
        }
        for (Map.Entry<String, Object> entry : properties.entrySet()) {
            checkProperty(entry.getKey(), map(entry.getValue()), problems);
        }
    }

    private static void checkProperty(String name, Map<String, Object> property, List<String> problems) {
        String where = "property " + name + ": ";
        if (property == null) {
            problems.add(where + "is not a mapping");
            return;
        }
        if (text(property.get("type")).isEmpty()) {
            problems.add(where + "type is missing");
        }
        if (text(property.get("description")).isEmpty()) {
            problems.add(where + "description is missing");
        }
        String title = text(property.get("title"));
        if (title.isEmpty()) {
            problems.add(where + "title is missing");
        }
        for (String word : title.split(" ")) {
            if (!word.isEmpty() && !STOP_WORDS.contains(word.toLowerCase()) && Character.isLowerCase(word.charAt(0))) {
                problems.add(where + "title '" + title + "' has the word '" + word + "' not capitalized");
            }
        }
        if (title.startsWith("The ") || title.startsWith("A ") || title.startsWith("An ")) {
            problems.add(where + "title '" + title + "' starts with an article");
        }
        List<Object> descriptors = list(property.get("x-descriptors"));
        if ("password".equals(property.get("format")) && !descriptors.contains(CREDENTIALS)) {
            problems.add(where + "has format password but not the x-descriptor " + CREDENTIALS);
        }
        Set<Object> seen = new HashSet<>();
        for (Object descriptor : descriptors) {
            if (String.valueOf(descriptor).startsWith(DEPRECATED_DESCRIPTOR)) {
                problems.add(where + "uses the deprecated x-descriptor " + descriptor);
            }
            if (!seen.add(descriptor)) {
                problems.add(where + "lists the x-descriptor " + descriptor + " twice");
            }
        }
        if (isSecretName(name) && !"password".equals(property.get("format"))) {
            problems.add(where + "holds a secret but has no format password");
        }
    }

    /** The secrets of the hightouch component: the REST API key and the events write key. */
    private static boolean isSecretName(String name) {
        return name.equals("apiKey") || name.equals("writeKey");
    }

    private static void checkTypes(Map<String, Object> types, String type, List<String> problems) {
        if (types == null) {
            problems.add("spec.types is missing");
            return;
        }
        boolean needsIn = "sink".equals(type) || "action".equals(type);
        boolean needsOut = "source".equals(type) || "action".equals(type);
        for (String side : List.of("in", "out")) {
            Map<String, Object> dataType = map(types.get(side));
            boolean needed = side.equals("in") ? needsIn : needsOut;
            if (dataType == null) {
                if (needed) {
                    problems.add("spec.types." + side + " is missing for a " + type);
                }
            } else if (!text(dataType.get("mediaType")).matches("[a-z]+/[A-Za-z0-9.+-]+")) {
                problems.add("spec.types." + side + ".mediaType is not a media type: " + dataType.get("mediaType"));
            }
        }
    }

    private static void checkDependencies(Object dependencies, List<String> problems) {
        List<Object> all = list(dependencies);
        if (all.isEmpty()) {
            problems.add("spec.dependencies is empty");
        }
        for (Object dependency : all) {
            String text = String.valueOf(dependency);
            if (!text.startsWith("camel:") && !text.startsWith("mvn:") && !text.startsWith("github:apache/")) {
                problems.add("spec.dependencies has " + text + ", not a camel:, mvn: or github:apache/ reference");
            }
            if (text.startsWith("mvn:") && (text.split(":").length != 4 || text.contains("${"))) {
                problems.add("spec.dependencies has " + text + ", not mvn:group:artifact:version");
            }
        }
    }

    private void checkTemplate(Map<String, Object> template, Map<String, Object> definition, String type,
            List<String> problems) {
        String rendered = String.valueOf(template);
        if ("source".equals(type) && !rendered.contains("kamelet:sink")) {
            problems.add("a source must route to kamelet:sink");
        }
        if ("sink".equals(type) && !rendered.contains("kamelet:source")) {
            problems.add("a sink must consume from kamelet:source");
        }
        Set<String> used = new HashSet<>();
        collectParameters(template, used);
        Map<String, Object> properties = map(definition.get("properties"));
        Set<String> declared = properties == null ? new HashSet<>() : new HashSet<>(properties.keySet());
        for (Object bean : list(template.get("beans"))) {
            Map<String, Object> beanMap = map(bean);
            if (beanMap != null && beanMap.get("name") != null) {
                declared.add(String.valueOf(beanMap.get("name")));
            }
        }
        for (String name : used) {
            if (!declared.contains(name)) {
                problems.add("the template uses {{" + name + "}}, which is not declared in spec.definition.properties");
            }
        }
        for (String name : declared) {
            if (!used.contains(name)) {
                problems.add("property " + name + " is declared but the template never uses it");
            }
        }
        List<Map<String, Object>> endpoints = new ArrayList<>();
        collectEndpoints(template, endpoints);
        for (Map<String, Object> endpoint : endpoints) {
            checkHightouchEndpoint(endpoint, properties, problems);
        }
    }

    /** As the catalog's Maven plugin: every parameter of a component endpoint must be an option of the component. */
    private void checkHightouchEndpoint(Map<String, Object> endpoint, Map<String, Object> properties,
            List<String> problems) {
        String uri = String.valueOf(endpoint.get("uri"));
        if (!uri.startsWith("hightouch:")) {
            return;
        }
        String operation = uri.substring("hightouch:".length());
        Matcher placeholder = PARAMETER.matcher(operation);
        if (placeholder.matches()) {
            Map<String, Object> property = properties == null ? null : map(properties.get(placeholder.group(1)));
            List<Object> values = property == null ? List.of() : list(property.get("enum"));
            if (values.isEmpty()) {
                problems.add("the operation of " + uri + " comes from a property without an enum");
            }
            for (Object value : values) {
                if (!componentOperations.contains(String.valueOf(value))) {
                    problems.add(uri + ": " + value + " is not an operation of the hightouch component");
                }
            }
        } else if (!componentOperations.contains(operation)) {
            problems.add(uri + ": " + operation + " is not an operation of the hightouch component");
        }
        Map<String, Object> parameters = map(endpoint.get("parameters"));
        if (parameters != null) {
            for (String option : parameters.keySet()) {
                if (!componentOptions.contains(option)) {
                    problems.add(uri + ": parameter " + option + " is not an endpoint option of the hightouch component");
                }
            }
        }
    }

    private static void collectParameters(Object node, Set<String> found) {
        if (node instanceof String text) {
            Matcher matcher = PARAMETER.matcher(text);
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
        } else if (node instanceof Map<?, ?> mapNode) {
            mapNode.values().forEach(value -> collectParameters(value, found));
        } else if (node instanceof List<?> listNode) {
            listNode.forEach(value -> collectParameters(value, found));
        }
    }

    /** Every from/to with a uri and (optional) parameters, at any depth of the template. */
    private static void collectEndpoints(Object node, List<Map<String, Object>> found) {
        if (node instanceof Map<?, ?> mapNode) {
            for (Map.Entry<?, ?> entry : mapNode.entrySet()) {
                if (("from".equals(entry.getKey()) || "to".equals(entry.getKey()))) {
                    if (entry.getValue() instanceof String uri) {
                        found.add(Map.of("uri", uri));
                    } else if (map(entry.getValue()) != null && map(entry.getValue()).get("uri") != null) {
                        found.add(map(entry.getValue()));
                    }
                }
                collectEndpoints(entry.getValue(), found);
            }
        } else if (node instanceof List<?> listNode) {
            listNode.forEach(value -> collectEndpoints(value, found));
        }
    }

    private static void duplicate(Map<String, String> seen, Object value, String fileName, String field,
            List<String> problems) {
        String previous = seen.putIfAbsent(String.valueOf(value), fileName);
        if (previous != null) {
            problems.add(field + " is the same as in " + previous);
        }
    }

    private static Object path(Map<String, Object> root, String... keys) {
        Object node = root;
        for (String key : keys) {
            Map<String, Object> current = map(node);
            node = current == null ? null : current.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node instanceof List<?> ? (List<Object>) node : List.of();
    }

    private static String text(Object node) {
        return node == null ? "" : String.valueOf(node).trim();
    }
}
