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

/**
 * The Hightouch operations, chosen by the URI path ({@code hightouch:createSource}).
 */
public enum HightouchOperation {
    /** {@code POST /sources}: creates a source from the message body. */
    createSource(HightouchHttpMethod.POST, "/sources", true),
    /** {@code POST /models}: creates a model from the message body. */
    createModel(HightouchHttpMethod.POST, "/models", true),
    /** Any method on any Hightouch path, set by the {@code url} and {@code httpMethod} options. */
    raw(null, null, false);

    private final HightouchHttpMethod method;
    private final String path;
    private final boolean create;

    HightouchOperation(HightouchHttpMethod method, String path, boolean create) {
        this.method = method;
        this.path = path;
        this.create = create;
    }

    /**
     * The fixed HTTP method, or null when the endpoint's {@code httpMethod} option decides ({@code raw}).
     */
    public HightouchHttpMethod getMethod() {
        return method;
    }

    /**
     * The path below the base URL, or null when the endpoint's {@code url} option decides ({@code raw}).
     */
    public String getPath() {
        return path;
    }

    /**
     * Whether the operation creates a resource: sent one record per request, never blindly repeated.
     */
    public boolean isCreate() {
        return create;
    }
}
