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

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of a Hightouch endpoint. Set on the component, they are shared by all its endpoints; set on an
 * endpoint URI, they override the component's for that endpoint.
 */
@UriParams
public class HightouchConfiguration implements Cloneable {

    /** The public Hightouch REST API. */
    public static final String DEFAULT_BASE_URL = "https://api.hightouch.com/api/v1";

    @UriParam(label = "security", secret = true)
    @Metadata(required = true)
    private String apiKey;

    @UriParam(defaultValue = DEFAULT_BASE_URL)
    private String baseUrl = DEFAULT_BASE_URL;

    @UriParam(label = "timeout", defaultValue = "10000", javaType = "java.time.Duration")
    private long connectTimeout = 10_000;

    @UriParam(label = "timeout", defaultValue = "30000", javaType = "java.time.Duration")
    private long responseTimeout = 30_000;

    @UriParam(defaultValue = "true")
    private boolean throwExceptionOnFailure = true;

    @UriParam(defaultValue = "true")
    private boolean validate = true;

    @UriParam(label = "producer,reliability", defaultValue = "3")
    private int maxRetries = 3;

    @UriParam(label = "producer,reliability", defaultValue = "500", javaType = "java.time.Duration")
    private long retryBaseDelay = 500;

    @UriParam(label = "producer,reliability", defaultValue = "30000", javaType = "java.time.Duration")
    private long maxRetryDelay = 30_000;

    @UriParam(label = "producer,reliability", defaultValue = "200")
    private int rateLimit = 200;

    @UriParam(label = "producer,reliability", defaultValue = "10000", javaType = "java.time.Duration")
    private long rateLimitPeriod = 10_000;

    @UriParam(label = "timeout", defaultValue = "120000", javaType = "java.time.Duration")
    private long requestTimeout = 120_000;

    @UriParam(label = "producer", defaultValue = "1048576")
    private long maxBodySize = 1024 * 1024;

    @UriParam(label = "producer,reliability", defaultValue = "2000")
    private int rateLimitQueueSize = 2000;

    public String getApiKey() {
        return apiKey;
    }

    /**
     * The Hightouch API key, sent in the Authorization header as a Bearer token, and only to the origin of the base URL.
     * Keys are workspace-wide: set it on the component (for example from an environment variable), not in an
     * endpoint URI.
     */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    /**
     * The base URL of the Hightouch REST API. Must be https, except for loopback addresses (local test servers).
     */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * How long to wait for a connection to Hightouch, in milliseconds (a duration such as 10s is accepted
     * too).
     */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    /**
     * How long to wait for Hightouch's response once the request is sent, in milliseconds (a duration such as
     * 30s is accepted too). Never infinite.
     */
    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public boolean isThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    /**
     * Whether a response outside 2xx fails the exchange with a HightouchApiException. When false, the error
     * JSON becomes the message body and the status is in the CamelHightouchResponseCode header.
     */
    public void setThrowExceptionOnFailure(boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public boolean isValidate() {
        return validate;
    }

    /**
     * Whether the record is checked against the operation's required fields before it is sent. Numeric and boolean
     * strings (from CSV-like input) are converted where the API expects a number or a boolean. An invalid record
     * fails with a HightouchValidationException listing every problem, and no request is made.
     */
    public void setValidate(boolean validate) {
        this.validate = validate;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * How many times a failed request may be repeated. Only what Hightouch cannot have acted on is repeated for every
     * operation (429, 503, failures to connect); 500, 502, 504, read timeouts and lost connections are repeated for
     * GET and PATCH only, never for a POST that creates or triggers. 0 disables retries.
     */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryBaseDelay() {
        return retryBaseDelay;
    }

    /**
     * The first retry delay in milliseconds; it doubles with each attempt, and each delay is drawn at random below it
     * (full jitter).
     */
    public void setRetryBaseDelay(long retryBaseDelay) {
        this.retryBaseDelay = retryBaseDelay;
    }

    public long getMaxRetryDelay() {
        return maxRetryDelay;
    }

    /**
     * The longest delay between two attempts in milliseconds, also the cap on a Retry-After header.
     */
    public void setMaxRetryDelay(long maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public int getRateLimit() {
        return rateLimit;
    }

    /**
     * How many requests may be sent in any rateLimitPeriod, per API key, across every endpoint and route of the
     * CamelContext (Hightouch allows 200 per 10 seconds per workspace). Requests over the limit wait their turn
     * without holding a thread. 0 disables the limit.
     */
    public void setRateLimit(int rateLimit) {
        this.rateLimit = rateLimit;
    }

    public long getRateLimitPeriod() {
        return rateLimitPeriod;
    }

    /**
     * The window of the rate limit in milliseconds.
     */
    public void setRateLimitPeriod(long rateLimitPeriod) {
        this.rateLimitPeriod = rateLimitPeriod;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    /**
     * The longest time one call may take in milliseconds, retries and rate-limit waits included: no retry is started
     * past it.
     */
    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getMaxBodySize() {
        return maxBodySize;
    }

    /**
     * The largest request body in bytes; a larger body is refused before sending.
     */
    public void setMaxBodySize(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public int getRateLimitQueueSize() {
        return rateLimitQueueSize;
    }

    /**
     * How many requests may wait for the rate limit at once, per API key; one more fails at once with a
     * HightouchTransportException (nothing sent) instead of growing the queue without bound. The default drains in
     * about the default requestTimeout at Hightouch's default limit (200 per 10 s).
     */
    public void setRateLimitQueueSize(int rateLimitQueueSize) {
        this.rateLimitQueueSize = rateLimitQueueSize;
    }

    /**
     * Checks the values that need no operation to judge: the key is set, no duration or count is negative.
     *
     * @throws IllegalArgumentException naming the option
     */
    public void checkValues() {
        if (getApiKey() == null || getApiKey().isBlank()) {
            throw new IllegalArgumentException(
                    "apiKey: must be set on the hightouch component or endpoint (Hightouch > Settings > API keys)");
        }
        OptionChecks.between("connectTimeout", getConnectTimeout(), 1, Integer.MAX_VALUE);
        OptionChecks.between("responseTimeout", getResponseTimeout(), 1, Integer.MAX_VALUE);
        OptionChecks.between("requestTimeout", getRequestTimeout(), 1, Long.MAX_VALUE);
        OptionChecks.between("maxRetries", getMaxRetries(), 0, 1000);
        OptionChecks.between("retryBaseDelay", getRetryBaseDelay(), 0, Long.MAX_VALUE);
        OptionChecks.between("maxRetryDelay", getMaxRetryDelay(), 0, Long.MAX_VALUE);
        OptionChecks.between("rateLimit", getRateLimit(), 0, OptionChecks.MAX_RATE_LIMIT);
        if (getRateLimit() > 0) {
            OptionChecks.between("rateLimitPeriod", getRateLimitPeriod(), 1, Long.MAX_VALUE);
            OptionChecks.between("rateLimitQueueSize", getRateLimitQueueSize(), 1, OptionChecks.MAX_QUEUE);
        }
        OptionChecks.between("maxBodySize", getMaxBodySize(), 1, Integer.MAX_VALUE - 8);
    }

    /**
     * A copy for one endpoint, so that endpoint options never change the component's.
     */
    public HightouchConfiguration copy() {
        try {
            HightouchConfiguration copy = (HightouchConfiguration) super.clone();
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        // never prints the API key
        return "HightouchConfiguration[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "<unset>" : "xxxxxx") + "]";
    }
}
