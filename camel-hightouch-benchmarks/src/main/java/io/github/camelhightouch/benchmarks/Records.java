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
package io.github.camelhightouch.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The createSource records the benchmarks send: each one distinct, about 180 bytes of JSON.
 */
final class Records {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Records() {
    }

    /** A new createSource body as a Map, as a route would hold it after unmarshalling. */
    static Map<String, Object> source(long index) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("host", "db" + (index % 100) + ".example.com");
        configuration.put("port", "5432");
        configuration.put("database", "analytics");
        configuration.put("user", "hightouch");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", "Source " + index);
        record.put("slug", "source-" + index);
        record.put("type", "postgres");
        record.put("configuration", configuration);
        return record;
    }

    /** A track event as a route would read it from a JSON-lines file: about 150 bytes of JSON. */
    static Map<String, Object> event(long index) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("path", "/products/" + (index % 500));
        properties.put("referrer", "https://example.com/search");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("userId", "user-" + (index % 10_000));
        event.put("event", "Product Viewed");
        event.put("properties", properties);
        return event;
    }

    /** Writes a JSON-lines file of createSource records, unless one with that many lines is there already. */
    static Path jsonLines(Path dir, int count) throws IOException {
        return jsonLines(dir, "sources", count, Records::source);
    }

    /** Writes a JSON-lines file of track events, unless one with that many lines is there already. */
    static Path eventLines(Path dir, int count) throws IOException {
        return jsonLines(dir, "events", count, Records::event);
    }

    private static Path jsonLines(Path dir, String kind, int count, LongFunction<Map<String, Object>> line)
            throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(kind + "-" + count + ".jsonl");
        Path done = dir.resolve(kind + "-" + count + ".done");
        if (Files.exists(file) && Files.exists(done)) {
            return file;
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                out.write(MAPPER.writeValueAsString(line.apply(i)));
                out.write('\n');
            }
        }
        Files.writeString(done, Long.toString(Files.size(file)));
        return file;
    }
}
