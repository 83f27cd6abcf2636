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
package io.github.camelhightouch.examples;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Hightouch's own OpenAPI description (the test resource hightouch-openapi-latest.json, shared with the component's
 * tests) as a contract for the stand-in's answers: what the stand-in answers must be what Hightouch documents.
 */
final class HightouchContract {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createFor("hightouch-openapi-latest.json")
            .withBasePathOverride(LocalHightouch.API_PATH)
            .build();

    private HightouchContract() {
    }

    /** Every way the answer to the request differs from what the description says, one line each. */
    static List<String> violations(HttpResponse<String> response) {
        URI uri = response.request().uri();
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().firstValue("Content-Type").ifPresent(answer::withContentType);
        ValidationReport report = VALIDATOR.validateResponse(uri.getPath(),
                Request.Method.valueOf(response.request().method()), answer.build());
        List<String> problems = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                problems.add("[" + message.getKey() + "] " + message.getMessage());
            }
        }
        return problems;
    }
}
