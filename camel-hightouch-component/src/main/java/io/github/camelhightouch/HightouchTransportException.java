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

import io.github.camelhightouch.internal.BoundedText;

/**
 * A call ended without an answer from Hightouch: it could not be reached, did not answer in time (connection
 * refused, timeout, reset, broken response), the call's requestTimeout passed (queued for the rate limit, backing off
 * or on the wire), the rate-limit queue was full, or the endpoint or component stopped. Says which endpoint was called
 * and whether the request may have reached the server: {@link #isOutcomeUnknown()} is false only when no byte of it
 * was written; when it is true, the outcome of a create or a trigger is unknown and the call was not repeated.
 */
public class HightouchTransportException extends HightouchCallException {

    private static final long serialVersionUID = 1L;

    private final boolean outcomeUnknown;

    public HightouchTransportException(String operation, String method, String url, boolean outcomeUnknown,
                                       Throwable cause) {
        this(operation, method, url, outcomeUnknown, 1, cause);
    }

    public HightouchTransportException(String operation, String method, String url, boolean outcomeUnknown,
                                       int attempts, Throwable cause) {
        super(describe(operation, method, url, outcomeUnknown, attempts, cause), cause, operation, method, url, attempts);
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * True when the request may have reached Hightouch before the failure (read timeout, connection reset after
     * sending, aborted on the wire): Hightouch may or may not have acted on it. False only when no byte of the request
     * was written (no connection, TLS handshake failed, no pooled connection in time, queued or backing off).
     */
    @Override
    public boolean isOutcomeUnknown() {
        return outcomeUnknown;
    }

    private static String describe(
            String operation, String method, String url, boolean outcomeUnknown, int attempts, Throwable cause) {
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName()
                                                    + (cause.getMessage() == null ? "" : ": " + BoundedText.cut(cause.getMessage(), 1024));
        return "Hightouch " + operation + " (" + method + " " + url + ") failed: "
               + (outcomeUnknown
                       ? "the request may have reached Hightouch, the outcome is unknown and it was not repeated"
                       : "nothing was sent")
               + " after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " (" + reason + ")";
    }
}
