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
package io.github.camelhightouch.internal.operation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.body.JsonBodies;
import io.github.camelhightouch.internal.body.OperationSchemas;
import io.github.camelhightouch.internal.body.RecordSchema;
import io.github.camelhightouch.internal.call.ApiClient;
import io.github.camelhightouch.internal.http.ExtraHeaders;
import io.github.camelhightouch.internal.http.HightouchRequest;
import io.github.camelhightouch.internal.http.RequestContentType;

/**
 * Builds the requests of one endpoint from message bodies: reads the body as JSON, validates it against the
 * operation's schema and serializes it. Every problem of every record is collected before anything is sent.
 */
public final class RequestFactory {

    private final HightouchOperation operation;
    private final HightouchHttpMethod method;
    private final String url;
    private final RecordSchema schema;
    private final boolean validate;
    private final JsonBodies json;
    private final List<ExtraHeaders.Header> extraHeaders;
    private final ApiClient api;
    /** raw's contentType when it is not JSON: bodies are sent as they are; null for JSON. */
    private final String plainType;
    /** raw's contentType when it is a JSON type other than the default; null otherwise. */
    private final String jsonType;

    public RequestFactory(HightouchOperation operation, HightouchHttpMethod method, String url, boolean validate,
                          JsonBodies json, List<ExtraHeaders.Header> extraHeaders, ApiClient api) {
        this(operation, method, url, validate, json, extraHeaders, api, null);
    }

    /**
     * @param contentType raw's contentType option (null or application/json for JSON)
     */
    public RequestFactory(HightouchOperation operation, HightouchHttpMethod method, String url, boolean validate,
                          JsonBodies json, List<ExtraHeaders.Header> extraHeaders, ApiClient api, String contentType) {
        boolean json0 = RequestContentType.isJson(contentType);
        this.plainType = json0 ? null : contentType.trim();
        this.jsonType = json0 && !RequestContentType.isDefault(contentType) ? contentType.trim() : null;
        this.operation = operation;
        this.method = method;
        this.url = url;
        this.schema = OperationSchemas.forOperation(operation);
        this.validate = validate;
        this.json = json;
        this.extraHeaders = List.copyOf(extraHeaders);
        this.api = api;
    }

    /**
     * The URL every call of this factory goes to.
     */
    public String url() {
        return url;
    }

    /**
     * Reads and writes the JSON bodies.
     */
    public JsonBodies json() {
        return json;
    }

    /**
     * The endpoint's method.
     */
    public HightouchHttpMethod method() {
        return method;
    }

    /**
     * One request for the whole body. A method that carries no body (GET, DELETE) sends none, whatever the message
     * holds; so does a raw call without a body.
     */
    public HightouchRequest single(Object body) throws HightouchValidationException {
        return single(body, url);
    }

    /**
     * One request for the whole body, to another URL of the operation (a path with its id filled in).
     */
    public HightouchRequest single(Object body, String target) throws HightouchValidationException {
        if (!method.isBodyAllowed() || operation == HightouchOperation.raw && body == null) {
            return api.request(operation, method, target, null, extraHeaders);
        }
        List<Violation> violations = new ArrayList<>();
        byte[] bytes = toBytes(body, "", violations);
        if (!violations.isEmpty()) {
            throw new HightouchValidationException(operation.name(), violations);
        }
        return typed(api.request(operation, method, target, bytes, extraHeaders));
    }

    /**
     * One request per element, in order, to another URL of the operation (raw's per-message URL); refuses the whole
     * List if any element is invalid.
     */
    public List<HightouchRequest> each(Collection<?> records, String target) throws HightouchValidationException {
        if (target.equals(url)) {
            return each(records);
        }
        List<HightouchRequest> requests = new ArrayList<>(records.size());
        for (HightouchRequest request : each(records)) {
            requests.add(typed(api.request(operation, method, target, request.body(), extraHeaders)));
        }
        return requests;
    }

    private HightouchRequest typed(HightouchRequest request) {
        String type = plainType != null ? plainType : jsonType;
        return type == null ? request : request.withContentType(type);
    }

    /**
     * One request per element, in order; refuses the whole List if any element is invalid.
     */
    public List<HightouchRequest> each(Collection<?> records) throws HightouchValidationException {
        if (records.isEmpty()) {
            throw new HightouchValidationException(operation.name(),
                    List.of(new Violation("body", "is an empty List; nothing to send")));
        }
        List<Violation> violations = new ArrayList<>();
        List<HightouchRequest> calls = new ArrayList<>(records.size());
        int index = 0;
        for (Object record : records) {
            byte[] bytes = toBytes(record, "[" + index++ + "]", violations);
            if (violations.isEmpty()) {
                calls.add(typed(api.request(operation, method, url, bytes, extraHeaders)));
            }
        }
        if (!violations.isEmpty()) {
            throw new HightouchValidationException(operation.name(), violations);
        }
        return calls;
    }

    private byte[] toBytes(Object body, String path, List<Violation> violations) {
        if (plainType != null) {
            return PlainBodies.bytes(body, path.isEmpty() ? "body" : path, plainType, json.maxBodySize(), violations);
        }
        try {
            JsonNode node = json.read(body, path.isEmpty() ? "body" : path);
            if (schema != null && validate) {
                List<Violation> found = schema.validate(node, path);
                if (!found.isEmpty()) {
                    violations.addAll(found);
                    return null;
                }
            } else if (schema != null && !node.isObject()) {
                violations.add(new Violation(path.isEmpty() ? "body" : path,
                        "must be a JSON object, got " + RecordSchema.describe(node)));
                return null;
            }
            return json.write(node, path.isEmpty() ? "body" : path);
        } catch (JsonBodies.InvalidJsonBodyException e) {
            violations.addAll(e.violations());
            return null;
        }
    }
}
