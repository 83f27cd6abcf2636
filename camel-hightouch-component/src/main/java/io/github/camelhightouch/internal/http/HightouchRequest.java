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
package io.github.camelhightouch.internal.http;

import java.net.URI;
import java.util.List;

import io.github.camelhightouch.HightouchHttpMethod;

/**
 * One request to Hightouch, complete and immutable: the method, the target on the API's origin, the JSON body and the
 * extra headers that {@link ExtraHeaders} allowed. It is built once, checked against the origin when it is built, and
 * nothing after that can change where it goes, how, or with which credentials: the sender adds only the API key.
 */
public final class HightouchRequest {

    private final String operation;
    private final HightouchHttpMethod method;
    private final URI uri;
    private final byte[] body;
    private final List<ExtraHeaders.Header> headers;
    private final boolean idempotent;
    private final String contentType;

    HightouchRequest(String operation, HightouchHttpMethod method, URI uri, byte[] body,
                     List<ExtraHeaders.Header> headers, boolean idempotent) {
        this(operation, method, uri, body, headers, idempotent, null);
    }

    private HightouchRequest(String operation, HightouchHttpMethod method, URI uri, byte[] body,
                             List<ExtraHeaders.Header> headers, boolean idempotent, String contentType) {
        this.operation = operation;
        this.method = method;
        this.uri = uri;
        this.body = method.isBodyAllowed() ? body : null;
        this.headers = headers;
        this.idempotent = idempotent;
        this.contentType = contentType;
    }

    /**
     * The same request with the body sent as this Content-Type (raw's contentType option, checked by
     * {@link RequestContentType#problem}) instead of JSON.
     */
    public HightouchRequest withContentType(String type) {
        return new HightouchRequest(operation, method, uri, body, headers, idempotent, type);
    }

    /**
     * The same request, repeatable after a failure that leaves its outcome unknown: for a create whose repetition
     * converges (onConflict=update or skip: a second create of the same slug answers 409 and is resolved).
     */
    public HightouchRequest asRepeatable() {
        return new HightouchRequest(operation, method, uri, body, headers, true, contentType);
    }

    /** The Content-Type of the body, or null for JSON. */
    public String contentType() {
        return contentType;
    }

    /** The component operation, for messages. */
    public String operation() {
        return operation;
    }

    /** The HTTP method. */
    public HightouchHttpMethod method() {
        return method;
    }

    /** The absolute target, on the origin of the base URL. */
    public URI uri() {
        return uri;
    }

    /** The target as text, for messages (it never holds a secret). */
    public String url() {
        return uri.toString();
    }

    /** The serialized JSON body, or null for none. Not copied: the request is internal and never hands it out. */
    public byte[] body() {
        return body;
    }

    /** The extra headers (raw's {@code header.*} options), never null. */
    public List<ExtraHeaders.Header> headers() {
        return headers;
    }

    /**
     * Whether sending the request twice has the effect of sending it once, so that it may be repeated after a
     * failure that leaves its outcome unknown: decided once, when the request is built, from the operation and the
     * method (see {@link HightouchOrigin#request}).
     */
    public boolean idempotent() {
        return idempotent;
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
