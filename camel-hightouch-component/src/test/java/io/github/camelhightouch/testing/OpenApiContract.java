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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Hightouch's own OpenAPI description (test resource {@value #SPEC_RESOURCE}) as a contract: checks that a request
 * the component sent is one Hightouch documents (path, method, parameters, headers, security, JSON body).
 * <p>
 * The description's server is {@code https://api.hightouch.com/api/v1}; its paths are matched below the base path
 * {@value #BASE_PATH}, which is also the path of the stand-in's base URL. Thread-safe; build it once. The validator
 * is a pure function of the request, so the verdict on a request identical to one already checked (method, URL, every
 * header and the body) is taken from a cache: load tests send many such repeats.
 */
public final class OpenApiContract {

    /** The classpath resource holding the OpenAPI description. */
    public static final String SPEC_RESOURCE = "hightouch-openapi-latest.json";

    /** The path below which Hightouch's paths live, as in the description's server URL. */
    public static final String BASE_PATH = "/api/v1";

    private static volatile OpenApiContract latest;

    /** The validator's key for a query parameter the operation does not declare (ignored by default). */
    static final String UNDECLARED_QUERY = "validation.request.parameter.query.unexpected";

    private final OpenApiInteractionValidator validator;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    /** What the validator said about one request: its errors, and the query parameters the operation does not declare. */
    private record Verdict(List<String> errors, List<String> undeclaredQuery) {
    }

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
                    // undeclared query parameters are reported as warnings, so that strict checks can see them
                    contract = new OpenApiContract(OpenApiInteractionValidator.createFor(SPEC_RESOURCE)
                            .withBasePathOverride(BASE_PATH)
                            .withLevelResolver(LevelResolver.create()
                                    .withLevel(UNDECLARED_QUERY, ValidationReport.Level.WARN).build())
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
        return verdict(request).errors();
    }

    /**
     * The query parameters of the request that its operation does not declare, one line each (empty when there are
     * none, or when the request matches no operation: {@link #violations} reports that). Hightouch may ignore such a
     * parameter, or refuse it; either way the component should not send it.
     */
    public List<String> undeclaredQueryParameters(LoggedRequest request) {
        return verdict(request).undeclaredQuery();
    }

    private Verdict verdict(LoggedRequest request) {
        return verdicts.computeIfAbsent(identity(request), key -> check(request));
    }

    private Verdict check(LoggedRequest request) {
        String path = pathOf(request.getUrl());
        if (!path.equals(BASE_PATH) && !path.startsWith(BASE_PATH + "/")) {
            return new Verdict(List.of("path " + path + " is outside the Hightouch API base path " + BASE_PATH), List.of());
        }
        ValidationReport report = validator.validateRequest(toValidatorRequest(request, path));
        List<String> problems = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                problems.add("[" + message.getKey() + "] " + message.getMessage());
            } else if (UNDECLARED_QUERY.equals(message.getKey())) {
                undeclared.add("[" + message.getKey() + "] " + message.getMessage());
            }
        }
        return new Verdict(List.copyOf(problems), List.copyOf(undeclared));
    }

    private static String identity(LoggedRequest request) {
        StringBuilder identity = new StringBuilder(request.getMethod().getName()).append(' ').append(request.getUrl());
        for (HttpHeader header : request.getHeaders().all()) {
            identity.append('\n').append(header.key()).append(": ").append(header.values());
        }
        byte[] body = request.getBody();
        if (body != null) {
            identity.append("\n\n").append(new String(body, StandardCharsets.ISO_8859_1));
        }
        return identity.toString();
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
