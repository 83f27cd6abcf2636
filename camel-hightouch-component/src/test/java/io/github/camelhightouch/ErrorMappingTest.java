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
package io.github.camelhightouch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.github.camelhightouch.testing.ApiKeyLeaks;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of error answer becomes a HightouchApiException with status, Hightouch's message and details, the body,
 * the operation, method and URL, and never the key; or, with throwExceptionOnFailure=false, the message body.
 * The 5xx cases use POST, which is never repeated automatically.
 */
class ErrorMappingTest extends HightouchTestSupport {

    private static final String VALIDATION_FAILED = """
            {"message":"Validation failed","details":{"slug":"A source with slug pg already exists"}}""";

    private static void answer(String method, String path, int status, String contentType, String body) {
        var response = aResponse().withStatus(status);
        if (contentType != null) {
            response.withHeader("Content-Type", contentType);
        }
        if (body != null) {
            response.withBody(body);
        }
        wireMock().stubFor(("GET".equals(method) ? get(urlPathEqualTo(path)) : post(urlPathEqualTo(path)))
                .willReturn(response));
    }

    /** Sends the body, expects a HightouchApiException, and checks that the record stayed on the exchange. */
    private HightouchApiException apiError(String uri, Object body) {
        Exchange exchange = send(uri, body);
        assertThat(exchange.getException()).isInstanceOf(HightouchApiException.class);
        assertThat(exchange.getMessage().getBody()).isSameAs(body);
        assertThat(HIGHTOUCH.requests()).as("requests: an error answer is not repeated").hasSize(1);
        HightouchApiException e = (HightouchApiException) exchange.getException();
        ApiKeyLeaks.assertNotIn(e, HightouchStandIn.API_KEY_SECRET);
        assertThat(e.getMessage()).contains("HTTP " + e.getStatusCode()).contains(e.getUrl()).contains(e.getOperation());
        return e;
    }

    @Test
    void unauthorized() {
        answer("POST", "/api/v1/sources", 401, "application/json", "{\"message\":\"Unauthorized\"}");

        HightouchApiException e = apiError("hightouch:createSource", source("pg"));

        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getApiMessage()).isEqualTo("Unauthorized");
        assertThat(e.getDetails()).isNull();
        assertThat(e.getResponseBody()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(e.getOperation()).isEqualTo("createSource");
        assertThat(e.getMethod()).isEqualTo("POST");
        assertThat(e.getUrl()).isEqualTo(HIGHTOUCH.baseUrl() + "/sources");
        assertThat(e.getMessage()).isEqualTo(
                "Hightouch createSource (POST " + HIGHTOUCH.baseUrl() + "/sources) failed with HTTP 401: Unauthorized");
    }

    @Test
    void notFoundWithAnEmptyBody() {
        answer("GET", "/api/v1/sources/999", 404, null, null);

        HightouchApiException e = apiError("hightouch:raw?httpMethod=GET&url=/sources/999", null);

        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getApiMessage()).isNull();
        assertThat(e.getDetails()).isNull();
        assertThat(e.getResponseBody()).isEmpty();
        assertThat(e.getOperation()).isEqualTo("raw");
        assertThat(e.getMethod()).isEqualTo("GET");
        assertThat(e.getUrl()).isEqualTo(HIGHTOUCH.baseUrl() + "/sources/999");
        assertThat(e.getMessage()).endsWith("failed with HTTP 404 (empty body)");
    }

    @Test
    void conflictWithDetails() {
        answer("POST", "/api/v1/sources", 409, "application/json", VALIDATION_FAILED);

        HightouchApiException e = apiError("hightouch:createSource", source("pg"));

        assertThat(e.getStatusCode()).isEqualTo(409);
        assertThat(e.getApiMessage()).isEqualTo("Validation failed");
        assertThat(e.getDetails()).isEqualTo(Map.of("slug", "A source with slug pg already exists"));
        assertThat(e.getResponseBody()).isEqualTo(VALIDATION_FAILED);
        assertThat(e.getMessage()).contains("failed with HTTP 409: Validation failed")
                .contains("A source with slug pg already exists");
    }

    @Test
    void unprocessableWithDetails() {
        String body = """
                {"message":"Validation failed","details":{"raw.sql":"must be a select","sourceId":"no such source"}}""";
        answer("POST", "/api/v1/models", 422, "application/json", body);

        HightouchApiException e = apiError("hightouch:createModel", model("m"));

        assertThat(e.getStatusCode()).isEqualTo(422);
        assertThat(e.getApiMessage()).isEqualTo("Validation failed");
        assertThat(e.getDetails()).isEqualTo(Map.of("raw.sql", "must be a select", "sourceId", "no such source"));
        assertThat(e.getResponseBody()).isEqualTo(body);
        assertThat(e.getOperation()).isEqualTo("createModel");
        assertThat(e.getMethod()).isEqualTo("POST");
        assertThat(e.getUrl()).isEqualTo(HIGHTOUCH.baseUrl() + "/models");
    }

    @Test
    void internalServerErrorAsABareJsonString() {
        answer("POST", "/api/v1/sources", 500, "application/json", "\"Internal Server Error\"");

        HightouchApiException e = apiError("hightouch:createSource", source("pg"));

        assertThat(e.getStatusCode()).isEqualTo(500);
        assertThat(e.getApiMessage()).isEqualTo("Internal Server Error");
        assertThat(e.getDetails()).isNull();
        assertThat(e.getResponseBody()).isEqualTo("\"Internal Server Error\"");
        assertThat(e.getMessage()).endsWith("failed with HTTP 500: Internal Server Error");
    }

    @Test
    void badGatewayHtmlPageIsCut() {
        String page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>"
                      + "<p>upstream unavailable</p>".repeat(3000) + "</body></html>";
        answer("POST", "/api/v1/models", 502, "text/html", page);

        HightouchApiException e = apiError("hightouch:createModel", model("m"));

        assertThat(e.getStatusCode()).isEqualTo(502);
        assertThat(e.getApiMessage()).isNull();
        assertThat(e.getDetails()).isNull();
        assertThat(e.getResponseBody()).startsWith("<!DOCTYPE html><html><head><title>502 Bad Gateway</title>")
                .endsWith("...(cut, " + (page.length() - HightouchApiException.MAX_BODY_CHARS) + " bytes)")
                .hasSize(HightouchApiException.MAX_BODY_CHARS
                         + ("...(cut, " + (page.length() - HightouchApiException.MAX_BODY_CHARS) + " bytes)").length());
        assertThat(e.getMessage()).contains("failed with HTTP 502: <!DOCTYPE html>").hasSizeLessThan(600);
    }

    @Test
    void serverErrorWithAnEmptyBody() {
        answer("POST", "/api/v1/syncs/trigger", 500, null, null);

        HightouchApiException e = apiError("hightouch:raw?url=/syncs/trigger", Map.of("syncSlug", "nightly"));

        assertThat(e.getStatusCode()).isEqualTo(500);
        assertThat(e.getApiMessage()).isNull();
        assertThat(e.getResponseBody()).isEmpty();
        assertThat(e.getMethod()).isEqualTo("POST");
        assertThat(e.getUrl()).isEqualTo(HIGHTOUCH.baseUrl() + "/syncs/trigger");
        assertThat(e.getMessage()).endsWith("failed with HTTP 500 (empty body)");
    }

    @Test
    void withoutThrowExceptionOnFailureTheErrorJsonBecomesTheBody() {
        answer("POST", "/api/v1/sources", 409, "application/json", VALIDATION_FAILED);

        Exchange exchange = send("hightouch:createSource?throwExceptionOnFailure=false", source("pg"),
                Map.of(HightouchConstants.RESOURCE_ID, 1));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(Map.of("message", "Validation failed",
                "details", Map.of("slug", "A source with slug pg already exists")));
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(409);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isNull();
    }

    @Test
    void withoutThrowExceptionOnFailureABareStringBecomesTheBody() {
        answer("POST", "/api/v1/sources", 500, "application/json", "\"Internal Server Error\"");

        Exchange exchange = send("hightouch:createSource?throwExceptionOnFailure=false", source("pg"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo("Internal Server Error");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(500);
    }

    @Test
    void connectionRefusedNamesTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String baseUrl = "http://127.0.0.1:" + closedPort + "/api/v1";
        Map<String, Object> record = source("pg");

        Exchange exchange = send("hightouch:createSource?connectTimeout=2000&baseUrl=" + baseUrl, record);

        assertThat(exchange.getException()).isInstanceOf(HightouchTransportException.class);
        HightouchTransportException e = (HightouchTransportException) exchange.getException();
        assertThat(e.getUrl()).isEqualTo(baseUrl + "/sources");
        assertThat(e.getMethod()).isEqualTo("POST");
        assertThat(e.getOperation()).isEqualTo("createSource");
        assertThat(e.isOutcomeUnknown()).isFalse();
        assertThat(e.getMessage()).contains("POST " + baseUrl + "/sources").contains("nothing was sent");
        assertThat(e.getCause()).isNotNull();
        assertThat(exchange.getMessage().getBody()).isSameAs(record);
        ApiKeyLeaks.assertNotIn(e, HightouchStandIn.API_KEY_SECRET);
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }
}
