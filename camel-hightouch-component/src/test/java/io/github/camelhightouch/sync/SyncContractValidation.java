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
package io.github.camelhightouch.sync;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Validates every request WireMock received on a Hightouch path against Hightouch's own, newest OpenAPI description
 * (copied into the test resources): path, method, query parameters, headers and JSON body.
 */
final class SyncContractValidation {

    private static final String BASE_PATH = "/api/v1";
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl("hightouch-openapi-latest.json")
            .withBasePathOverride(BASE_PATH)
            .build();

    private SyncContractValidation() {
    }

    /**
     * The problems of every request received, one line per problem; empty when all requests follow the contract.
     */
    static List<String> violations(WireMockServer server) {
        List<String> problems = new ArrayList<>();
        Set<String> shapes = new HashSet<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            LoggedRequest request = event.getRequest();
            if (!request.getUrl().startsWith(BASE_PATH + "/")) {
                continue;
            }
            // requests that differ only in the digits of their ids have the same validity: validate one of each
            String shape = request.getMethod() + " " + DIGITS.matcher(request.getUrl()).replaceAll("0") + " "
                           + request.getBodyAsString();
            if (!shapes.add(shape)) {
                continue;
            }
            ValidationReport report = VALIDATOR.validateRequest(toRequest(request));
            for (ValidationReport.Message message : report.getMessages()) {
                if (message.getLevel() == ValidationReport.Level.ERROR) {
                    problems.add(request.getMethod() + " " + request.getUrl() + ": " + message.getMessage());
                }
            }
        }
        return problems;
    }

    /**
     * How many requests on Hightouch paths were validated.
     */
    static long validatedCount(WireMockServer server) {
        return server.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith(BASE_PATH + "/")).count();
    }

    private static Request toRequest(LoggedRequest request) {
        URI uri = URI.create(request.getUrl());
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.getMethod().getName(), uri.getRawPath());
        for (HttpHeader header : request.getHeaders().all()) {
            builder.withHeader(header.key(), header.values());
        }
        request.getQueryParams().forEach((name, values) -> builder.withQueryParam(name, values.values()));
        if (request.getBody() != null && request.getBody().length > 0) {
            builder.withBody(request.getBodyAsString());
        }
        return builder.build();
    }
}
