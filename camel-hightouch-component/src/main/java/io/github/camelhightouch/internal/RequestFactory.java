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
package io.github.camelhightouch.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;

/**
 * Builds the HTTP requests of one endpoint from message bodies: reads the body as JSON, validates it against the
 * operation's schema and serializes it. Every problem of every record is collected before anything is sent.
 */
public final class RequestFactory {

    private final HightouchOperation operation;
    private final HightouchHttpMethod method;
    private final String url;
    private final RecordSchema schema;
    private final boolean validate;
    private final JsonBodies json;
    private final Map<String, String> extraHeaders;

    public RequestFactory(HightouchOperation operation, HightouchHttpMethod method, String url, boolean validate,
                          JsonBodies json, Map<String, String> extraHeaders) {
        this.operation = operation;
        this.method = method;
        this.url = url;
        this.schema = OperationSchemas.forOperation(operation);
        this.validate = validate;
        this.json = json;
        this.extraHeaders = Map.copyOf(extraHeaders);
    }

    /**
     * The URL every call of this factory goes to.
     */
    public String url() {
        return url;
    }

    /**
     * One request for the whole body. A raw call without a body, or with a method that carries none, sends none.
     */
    public HttpCall single(Object body) throws HightouchValidationException {
        if (!method.isBodyAllowed() || operation == HightouchOperation.raw && body == null) {
            return new HttpCall(operation.name(), method, url, null, extraHeaders);
        }
        List<Violation> violations = new ArrayList<>();
        byte[] bytes = toBytes(body, "", violations);
        if (!violations.isEmpty()) {
            throw new HightouchValidationException(operation.name(), violations);
        }
        return new HttpCall(operation.name(), method, url, bytes, extraHeaders);
    }

    /**
     * One request per element, in order; refuses the whole List if any element is invalid.
     */
    public List<HttpCall> each(Collection<?> records) throws HightouchValidationException {
        if (records.isEmpty()) {
            throw new HightouchValidationException(operation.name(),
                    List.of(new Violation("body", "is an empty List; nothing to send")));
        }
        List<Violation> violations = new ArrayList<>();
        List<HttpCall> calls = new ArrayList<>(records.size());
        int index = 0;
        for (Object record : records) {
            byte[] bytes = toBytes(record, "[" + index++ + "]", violations);
            calls.add(new HttpCall(operation.name(), method, url, bytes, extraHeaders));
        }
        if (!violations.isEmpty()) {
            throw new HightouchValidationException(operation.name(), violations);
        }
        return calls;
    }

    private byte[] toBytes(Object body, String path, List<Violation> violations) {
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
