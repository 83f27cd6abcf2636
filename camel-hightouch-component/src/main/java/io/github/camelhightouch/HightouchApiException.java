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
 * Hightouch answered with a status outside 2xx. Carries the status, Hightouch's {@code message} and {@code details}
 * (the shape of its 409 and 422 answers), the response body (cut to {@value #MAX_BODY_CHARS} characters), the
 * operation and the method and URL called. Never the API key.
 * <p>
 * The exception message, which error handlers log, is at most {@value #MAX_MESSAGE_CHARS} characters whatever
 * Hightouch answered: each long piece (URL, message, details, start of the body) is cut and marked
 * {@code ...(cut, N chars)}. The getters keep Hightouch's {@code message} and {@code details} whole.
 */
public class HightouchApiException extends HightouchCallException {

    private static final long serialVersionUID = 1L;

    /**
     * The body kept by {@link #getResponseBody()} is the first this many characters of the answer, followed by
     * {@code ...(cut, N bytes)} when more bytes were left out, so that a huge error page cannot fill the memory.
     */
    public static final int MAX_BODY_CHARS = 64 * 1024;

    /** The longest exception message, so that a huge answer cannot flood a log. */
    public static final int MAX_MESSAGE_CHARS = 4096;

    private static final int MAX_URL_CHARS = 512;
    private static final int MAX_API_MESSAGE_CHARS = 1024;
    private static final int MAX_DETAILS_CHARS = 2048;
    private static final int MAX_BODY_EXCERPT_CHARS = 240;
    private static final int MAX_NAME_CHARS = 100;

    private final int statusCode;
    private final String apiMessage;
    private final transient Object details;
    private final String responseBody;

    /**
     * An answer outside 2xx after one attempt.
     *
     * @param responseBody the body as text, as kept by {@link #getResponseBody()} (the component passes it cut to
     *                     {@value #MAX_BODY_CHARS} characters)
     */
    public HightouchApiException(int statusCode, String apiMessage, Object details, String responseBody,
                                 String operation, String method, String url) {
        this(statusCode, apiMessage, details, responseBody, operation, method, url, 1);
    }

    /**
     * An answer outside 2xx after the given number of attempts.
     *
     * @param responseBody the body as text, as kept by {@link #getResponseBody()} (the component passes it cut to
     *                     {@value #MAX_BODY_CHARS} characters)
     */
    public HightouchApiException(int statusCode, String apiMessage, Object details, String responseBody,
                                 String operation, String method, String url, int attempts) {
        super(describe(statusCode, apiMessage, details, responseBody, operation, method, url, attempts), null, operation,
              method, url, attempts);
        this.statusCode = statusCode;
        this.apiMessage = apiMessage;
        this.details = details;
        this.responseBody = responseBody;
    }

    /** The HTTP status Hightouch answered with. */
    public int getStatusCode() {
        return statusCode;
    }

    /** Hightouch's {@code message} field (or its bare JSON string), whole; null when the body had none. */
    public String getApiMessage() {
        return apiMessage;
    }

    /** Hightouch's {@code details} (a Map for validation errors), whole; null when the body had none. */
    public Object getDetails() {
        return details;
    }

    /**
     * The response body as text (invalid UTF-8 shown as U+FFFD), cut to {@value #MAX_BODY_CHARS} characters and
     * marked {@code ...(cut, N bytes)} when longer; empty when there was none.
     */
    public String getResponseBody() {
        return responseBody;
    }

    /**
     * Whether Hightouch may have acted on the request although it answered with an error: a 5xx other than 503 (a
     * create may exist now). 4xx, 429 and 503 say that it did not.
     */
    @Override
    public boolean isOutcomeUnknown() {
        return statusCode >= 500 && statusCode != 503;
    }


    private static String describe(
            int statusCode, String apiMessage, Object details, String responseBody,
            String operation, String method, String url, int attempts) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("Hightouch ").append(BoundedText.cut(operation, MAX_NAME_CHARS))
                .append(" (").append(BoundedText.cut(method, MAX_NAME_CHARS)).append(' ')
                .append(BoundedText.cut(url, MAX_URL_CHARS))
                .append(") failed with HTTP ").append(statusCode);
        if (attempts > 1) {
            sb.append(" after ").append(attempts).append(" attempts");
        }
        if (apiMessage != null) {
            sb.append(": ").append(BoundedText.cut(apiMessage, MAX_API_MESSAGE_CHARS));
        } else if (responseBody != null && !responseBody.isEmpty()) {
            sb.append(": ").append(BoundedText.cut(responseBody, MAX_BODY_EXCERPT_CHARS));
        } else {
            sb.append(" (empty body)");
        }
        if (details != null) {
            sb.append(" details=").append(BoundedText.render(details, MAX_DETAILS_CHARS));
        }
        return BoundedText.cut(sb.toString(), MAX_MESSAGE_CHARS);
    }
}
