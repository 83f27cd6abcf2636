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
 * A call to Hightouch that did not end in a 2xx answer: either Hightouch answered with an error
 * ({@link HightouchApiException}) or no answer came ({@link HightouchTransportException}). Both say what was called,
 * how many attempts were made, and whether Hightouch may have acted on the request, so that one
 * {@code onException(HightouchCallException.class)} can decide whether redelivering is safe.
 */
public abstract class HightouchCallException extends HightouchException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String method;
    private final String url;
    private final int attempts;

    protected HightouchCallException(String message, Throwable cause, String operation, String method, String url,
                                     int attempts) {
        super(message, cause);
        this.operation = operation;
        this.method = method;
        this.url = url;
        this.attempts = attempts;
    }

    /** The component operation, e.g. {@code createSource}. */
    public String getOperation() {
        return operation;
    }

    /** The HTTP method called. */
    public String getMethod() {
        return method;
    }

    /** The URL called. */
    public String getUrl() {
        return url;
    }

    /** How many attempts were made (more than 1 when the call was retried). */
    public int getAttempts() {
        return attempts;
    }

    /**
     * Whether Hightouch may have acted on the request: a create may exist now, a trigger may have started a run.
     * When false, sending it again cannot duplicate anything.
     */
    public abstract boolean isOutcomeUnknown();
}
