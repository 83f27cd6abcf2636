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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Hightouch's own OpenAPI description (test resource {@value #SPEC_RESOURCE}) as a contract: checks that a request
 * the component sent is one Hightouch documents (path, method, parameters, headers, security, JSON body).
 * <p>
 * The description's server is {@code https://api.hightouch.com/api/v1}; its paths are matched below the base path
 * {@value #BASE_PATH}, which is also the path of the stand-in's base URL. Thread-safe; build it once.
 */
public final class OpenApiContract {

    /** The classpath resource holding the OpenAPI description. */
    public static final String SPEC_RESOURCE = "hightouch-openapi-latest.json";

    /** The path below which Hightouch's paths live, as in the description's server URL. */
    public static final String BASE_PATH = "/api/v1";

    private static volatile OpenApiContract latest;

    private final OpenApiInteractionValidator validator;

    private OpenApiContract(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /**
     * The contract of the newest Hightouch description, parsed once per JVM.
     */
    public static OpenApiContract latest() {
        OpenApiContract contract = latest;
        if (contract == null) {
            synchronized (OpenApiContract.class) {
                contract = latest;
                if (contract == null) {
                    contract = new OpenApiContract(OpenApiInteractionValidator.createFor(SPEC_RESOURCE)
                            .withBasePathOverride(BASE_PATH)
                            .build());
                    latest = contract;
                }
            }
        }
        return contract;
    }

    /**
     * Every way the request violates the contract, one line each (empty when it conforms). A request outside
     * {@value #BASE_PATH} is a violation too: the component only ever calls Hightouch paths.
     */
    public List<String> violations(LoggedRequest request) {
        String path = pathOf(request.getUrl());
        List<String> problems = new ArrayList<>();
        if (!path.equals(BASE_PATH) && !path.startsWith(BASE_PATH + "/")) {
            problems.add("path " + path + " is outside the Hightouch API base path " + BASE_PATH);
            return problems;
        }
        ValidationReport report = validator.validateRequest(toValidatorRequest(request, path));
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                problems.add("[" + message.getKey() + "] " + message.getMessage());
            }
        }
        return problems;
    }

    private static Request toValidatorRequest(LoggedRequest request, String path) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.getMethod().getName(), path);
        for (HttpHeader header : request.getHeaders().all()) {
            builder.withHeader(header.key(), header.values());
        }
        for (Map.Entry<String, QueryParameter> parameter : request.getQueryParams().entrySet()) {
            builder.withQueryParam(parameter.getKey(), parameter.getValue().values());
        }
        byte[] body = request.getBody();
        if (body != null && body.length > 0) {
            builder.withBody(body);
        }
        return builder.build();
    }

    static String pathOf(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
