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

import io.github.camelhightouch.HightouchSyncRunException;
import io.github.camelhightouch.HightouchWaitTimeoutException;
import io.github.camelhightouch.internal.Futures;

/**
 * Carries, next to the real failure of an operation, the headers the exchange should still get (the run id of a
 * triggered run whose wait failed, for instance). Never reaches the route: the producer unwraps it.
 */
public final class FailureWithHeaders extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, Object> headers;

    public FailureWithHeaders(Throwable cause, Map<String, Object> headers) {
        super(cause.getMessage(), cause, false, false);
        this.headers = headers;
    }

    /** The headers to set (a null value removes the header). */
    public Map<String, Object> headers() {
        return headers;
    }

    /**
     * Wraps the failure of a wait with the headers the exchange should still get: the run id, and the status the run
     * ended with or was last seen in.
     */
    public static FailureWithHeaders ofWait(Throwable error, String runIdHeader, String runId, String statusHeader) {
        Throwable cause = Futures.unwrap(error);
        if (cause instanceof FailureWithHeaders already) {
            return already;
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(runIdHeader, runId);
        if (cause instanceof HightouchSyncRunException run) {
            headers.put(statusHeader, run.getStatus());
        } else if (cause instanceof HightouchWaitTimeoutException timeout) {
            headers.put(statusHeader, timeout.getLastStatus());
        }
        return new FailureWithHeaders(cause, headers);
    }
}
