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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;

/**
 * Base of the component's Camel tests: a {@link HightouchStandIn} (WireMock + contract check), a {@link LogCapture}
 * that fails a test when the API key is logged (both from {@link HightouchExtensions}), and a CamelTestSupport context
 * whose {@code hightouch} component points at the stand-in. {@link #send(String, Object)} checks that the exchange it returns carries no trace of the key.
 */
public abstract class HightouchTestSupport extends CamelTestSupport implements HightouchExtensions {

    /** A plain mapper, to read what the stand-in received. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        HIGHTOUCH.configure(context);
        return context;
    }

    /** The WireMock server of the stand-in. */
    protected static WireMockServer wireMock() {
        return HIGHTOUCH.server();
    }

    /**
     * Sends the body (InOut) and returns the exchange, failed or not, after checking that the API key is in none of
     * its headers, properties or exception.
     */
    protected Exchange send(String uri, Object body) {
        return send(uri, body, Map.of());
    }

    /**
     * Sends the body with message headers (InOut) and returns the exchange, checked as in {@link #send(String,
     * Object)}.
     */
    protected Exchange send(String uri, Object body, Map<String, Object> headers) {
        return HightouchStandIn.send(template, uri, body, headers);
    }

    /** A valid createSource record. */
    protected static Map<String, Object> source(String slug) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("host", "db.example.com");
        configuration.put("port", "5432");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", "Source " + slug);
        record.put("slug", slug);
        record.put("type", "postgres");
        record.put("configuration", configuration);
        return record;
    }

    /** A valid createModel record of queryType raw_sql. */
    protected static Map<String, Object> model(String slug) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", "Model " + slug);
        record.put("slug", slug);
        record.put("queryType", "raw_sql");
        record.put("sourceId", 12);
        record.put("isSchema", false);
        record.put("primaryKey", "id");
        record.put("raw", Map.of("sql", "select * from users"));
        return record;
    }

    /** The JSON body of a received request. */
    protected static JsonNode bodyOf(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + request.getBodyAsString(), e);
        }
    }

    /** Parses JSON text written in a test. */
    protected static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
