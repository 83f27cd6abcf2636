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
package io.github.camelhightouch.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests of the newer REST areas: the stand-in with contract checks, retries fast enough for tests that
 * provoke them, and the checks those tests share.
 */
abstract class RestTestSupport extends HightouchContextTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void configure(CamelContext context) throws Exception {
        component.getConfiguration().setRetryBaseDelay(1);
        component.getConfiguration().setMaxRetryDelay(20);
    }

    /** The requests the stand-in received, oldest first. */
    protected static List<LoggedRequest> requests() {
        return HIGHTOUCH.requests();
    }

    /** The one request received, after checking there was exactly one. */
    protected static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    /** The JSON body of a request. */
    protected static JsonNode body(LoggedRequest request) {
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

    /**
     * Checks that the exchange failed validation, that nothing was sent and that the body stayed; returns the fields
     * named by the violations.
     */
    protected static List<String> refusedFields(Exchange exchange, Object originalBody) {
        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(requests()).as("requests sent for a refused message").isEmpty();
        assertThat(exchange.getMessage().getBody()).isSameAs(originalBody);
        return ((HightouchValidationException) exchange.getException()).getViolations().stream().map(Violation::field)
                .toList();
    }

    /** Checks that no request carried a query parameter its operation does not declare. */
    protected static void assertOnlyDeclaredQueryParameters() {
        assertThat(HIGHTOUCH.undeclaredQueryParameters()).isEmpty();
    }
}
