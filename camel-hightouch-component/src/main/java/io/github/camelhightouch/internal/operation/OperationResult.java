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

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an operation gives the exchange: the new body, the HTTP status of the last answer, how many HTTP attempts its
 * requests took (0 when none was made), and the headers to set (a null value removes the header).
 */
public record OperationResult(Object body, int status, int attempts, Map<String, Object> headers) {

    public OperationResult {
        headers = headers == null ? new LinkedHashMap<>() : headers;
    }

    /**
     * A result with no header besides the status.
     */
    public static OperationResult of(Object body, int status) {
        return new OperationResult(body, status, 0, new LinkedHashMap<>());
    }

    /**
     * A result with no header besides the status and the attempts.
     */
    public static OperationResult of(Object body, int status, int attempts) {
        return new OperationResult(body, status, attempts, new LinkedHashMap<>());
    }

    /**
     * The same result, counted as taking the given number of attempts.
     */
    public OperationResult withAttempts(int count) {
        return new OperationResult(body, status, count, headers);
    }

    /**
     * Adds a header to set (a null value removes it); returns this result.
     */
    public OperationResult header(String name, Object value) {
        headers.put(name, value);
        return this;
    }
}
