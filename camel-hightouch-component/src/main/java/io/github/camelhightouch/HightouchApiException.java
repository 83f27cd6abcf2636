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
 * Hightouch answered with a status outside 2xx. Carries the status, Hightouch's {@code message} and {@code details}
 * (the shape of its 409 and 422 answers), the response body (cut to {@value #MAX_BODY_CHARS} characters), the
 * operation and the method and URL called. Never the API key.
 */
public class HightouchApiException extends HightouchException {

    private static final long serialVersionUID = 1L;

    /** Response bodies longer than this are cut in the exception, so that an HTML error page cannot flood a log. */
    public static final int MAX_BODY_CHARS = 2048;

    private final int statusCode;
    private final String apiMessage;
    private final transient Object details;
    private final String responseBody;
    private final String operation;
    private final String method;
    private final String url;
    private final int attempts;

    public HightouchApiException(int statusCode, String apiMessage, Object details, String responseBody,
                                 String operation, String method, String url) {
        this(statusCode, apiMessage, details, responseBody, operation, method, url, 1);
    }

    public HightouchApiException(int statusCode, String apiMessage, Object details, String responseBody,
                                 String operation, String method, String url, int attempts) {
        super(describe(statusCode, apiMessage, details, responseBody, operation, method, url, attempts));
        this.attempts = attempts;
        this.statusCode = statusCode;
        this.apiMessage = apiMessage;
        this.details = details;
        this.responseBody = responseBody;
        this.operation = operation;
        this.method = method;
        this.url = url;
    }

    /** The HTTP status Hightouch answered with. */
    public int getStatusCode() {
        return statusCode;
    }

    /** Hightouch's {@code message} field (or its bare JSON string), null when the body had none. */
    public String getApiMessage() {
        return apiMessage;
    }

    /** Hightouch's {@code details} (a Map for validation errors), null when the body had none. */
    public Object getDetails() {
        return details;
    }

    /** The response body as text, cut to {@value #MAX_BODY_CHARS} characters; empty when there was none. */
    public String getResponseBody() {
        return responseBody;
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

    /**
     * Whether Hightouch may have acted on the request although it answered with an error: a 5xx other than 503 (a
     * create may exist now). 4xx, 429 and 503 say that it did not.
     */
    public boolean isOutcomeUnknown() {
        return statusCode >= 500 && statusCode != 503;
    }

    /** How many attempts were made (more than 1 when the status was retried). */
    public int getAttempts() {
        return attempts;
    }

    private static String describe(
            int statusCode, String apiMessage, Object details, String responseBody,
            String operation, String method, String url, int attempts) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("Hightouch ").append(operation).append(" (").append(method).append(' ').append(url)
                .append(") failed with HTTP ").append(statusCode);
        if (attempts > 1) {
            sb.append(" after ").append(attempts).append(" attempts");
        }
        if (apiMessage != null) {
            sb.append(": ").append(apiMessage);
        } else if (responseBody != null && !responseBody.isEmpty()) {
            sb.append(": ").append(responseBody.length() > 200 ? responseBody.substring(0, 200) + "..." : responseBody);
        } else {
            sb.append(" (empty body)");
        }
        if (details != null) {
            sb.append(" details=").append(details);
        }
        return sb.toString();
    }
}
