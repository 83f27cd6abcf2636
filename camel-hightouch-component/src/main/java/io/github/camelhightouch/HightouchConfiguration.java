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

import org.apache.camel.LoggingLevel;
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

    /** The Events API host of the us-east-1 region; eu-west-1 and ap-south-1 have hosts of the same form. */
    public static final String DEFAULT_EVENTS_URL = "https://us-east-1.hightouch-events.com";

    /** The largest batch body the Events API takes is under 500 KB: this many bytes. */
    public static final int MAX_BATCH_BYTES = 500_000;

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

    @UriParam(label = "producer,reliability", defaultValue = "80")
    private int rateLimitChangeShare = 80;

    @UriParam(label = "security,events", secret = true)
    private String writeKey;

    @UriParam(label = "events", defaultValue = DEFAULT_EVENTS_URL)
    private String eventsUrl = DEFAULT_EVENTS_URL;

    @UriParam(label = "producer,events", defaultValue = "100")
    private int batchSize = 100;

    @UriParam(label = "producer,events", defaultValue = "" + MAX_BATCH_BYTES)
    private int batchBytes = MAX_BATCH_BYTES;

    @UriParam(label = "producer,events", defaultValue = "100", javaType = "java.time.Duration")
    private long lingerMs = 100;

    @UriParam(label = "producer,events", defaultValue = "10000")
    private int maxQueuedEvents = 10_000;

    @UriParam(label = "producer,events", defaultValue = "wait")
    private HightouchQueueFullPolicy queueFullPolicy = HightouchQueueFullPolicy.wait;

    @UriParam(label = "producer,events", defaultValue = "10000", javaType = "java.time.Duration")
    private long flushTimeout = 10_000;

    @UriParam(label = "producer,logging", defaultValue = "INFO")
    private LoggingLevel progressLoggingLevel = LoggingLevel.INFO;

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
     * without holding a thread. The limit is per replica: N replicas sharing a workspace get 200 / N each. A 429 halves
     * the rate in use, and each quiet period raises it again by a twentieth of rateLimit, up to rateLimit. 0 disables
     * the limit.
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

    public int getRateLimitChangeShare() {
        return rateLimitChangeShare;
    }

    /**
     * The percentage (0 to 100) of each rateLimitPeriod's budget that requests which change something (creates,
     * updates, triggers: every method but GET) may take ahead of reads waiting for the rate limit (the polls of waits,
     * lists, lookups). Past that share, and whenever no change waits, requests go in arrival order, so that reads keep
     * at least the rest of each window and take all of it when nothing changes. 0 serves the queue in arrival order
     * only. Settled by the first endpoint that uses an API key, like rateLimit.
     */
    public void setRateLimitChangeShare(int rateLimitChangeShare) {
        this.rateLimitChangeShare = rateLimitChangeShare;
    }

    public String getWriteKey() {
        return writeKey;
    }

    /**
     * The write key of a Hightouch Events source (on the source's page in Hightouch), for the events operations (track,
     * identify, page, screen, group, alias, batch). Sent as HTTP Basic user with an empty password, and only to the
     * origin of eventsUrl; the REST apiKey is neither needed by these operations nor ever sent to that origin. Set it
     * on the component (for example from an environment variable) rather than in an endpoint URI.
     */
    public void setWriteKey(String writeKey) {
        this.writeKey = writeKey;
    }

    public String getEventsUrl() {
        return eventsUrl;
    }

    /**
     * The base URL of the Hightouch Events API, the host of your events source's region:
     * https://us-east-1.hightouch-events.com (default), https://eu-west-1.hightouch-events.com or
     * https://ap-south-1.hightouch-events.com. Events go to POST {eventsUrl}/v1/batch. Must be https, except for
     * loopback addresses (local test servers). The Events API can answer 200 for events it later drops when the
     * region is wrong, so check it against the source's settings.
     */
    public void setEventsUrl(String eventsUrl) {
        this.eventsUrl = eventsUrl;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Events operations: the most events in one POST /v1/batch (1 to 10000). A batch is sent when it holds this many
     * events, when one more event would take it over batchBytes, or when lingerMs has passed since its first event.
     */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int getBatchBytes() {
        return batchBytes;
    }

    /**
     * Events operations: the largest batch request body in bytes, the batch envelope included (1024 to 500000: the
     * Events API takes batches under 500 KB). Each event is at most 32000 bytes as sent.
     */
    public void setBatchBytes(int batchBytes) {
        this.batchBytes = batchBytes;
    }

    public long getLingerMs() {
        return lingerMs;
    }

    /**
     * Events operations: how long a batch waits for more events after its first one, in milliseconds, as Kafka's
     * linger.ms. 0 sends whatever is queued as soon as a batch may go; events that arrive while the batches in flight
     * (at most 4 per endpoint) are under way still share a batch. Must be below requestTimeout.
     */
    public void setLingerMs(long lingerMs) {
        this.lingerMs = lingerMs;
    }

    public int getMaxQueuedEvents() {
        return maxQueuedEvents;
    }

    /**
     * Events operations: how many events the endpoint holds at once, queued or in flight, until Hightouch accepts
     * them (1 to 1000000). This bounds the memory; what happens to one more event is queueFullPolicy's choice.
     */
    public void setMaxQueuedEvents(int maxQueuedEvents) {
        this.maxQueuedEvents = maxQueuedEvents;
    }

    public HightouchQueueFullPolicy getQueueFullPolicy() {
        return queueFullPolicy;
    }

    /**
     * Events operations: what an event does when maxQueuedEvents are already held. wait (default): the sending thread
     * waits for room, at most until the exchange's requestTimeout has passed, which slows a splitter down to what
     * Hightouch takes (as Kafka's producer blocks on a full buffer). fail: the exchange fails at once with a
     * HightouchTransportException saying that nothing was sent.
     */
    public void setQueueFullPolicy(HightouchQueueFullPolicy queueFullPolicy) {
        this.queueFullPolicy = queueFullPolicy;
    }

    public long getFlushTimeout() {
        return flushTimeout;
    }

    /**
     * Events operations: when the endpoint stops, how long, in milliseconds, the events still queued or in flight may
     * take to be sent. What is not accepted by then fails its exchange with a HightouchTransportException that says
     * whether it may have been delivered (isOutcomeUnknown). 0 sends nothing more at stop.
     */
    public void setFlushTimeout(long flushTimeout) {
        this.flushTimeout = flushTimeout;
    }

    public LoggingLevel getProgressLoggingLevel() {
        return progressLoggingLevel;
    }

    /**
     * The level of the progress lines, written to the logger io.github.camelhightouch.progress: each status a waited
     * run meets (triggerSync, triggerSyncSequence and triggerIdrRun with waitForCompletion, waitForSyncRun,
     * waitForIdrRun), once, with the milliseconds since the wait started and the run's row counts; the last status of a
     * wait that times out; every 10 pages of a list read and its end when it had 10 pages or more; every 100 elements
     * of a List body sent one element per request and its end when it had 100 or more. OFF writes none of them
     * (warnings, such as a status not known to be final, are still written).
     */
    public void setProgressLoggingLevel(LoggingLevel progressLoggingLevel) {
        this.progressLoggingLevel = progressLoggingLevel;
    }

    /**
     * Checks the values that need no operation to judge: the key is set, no duration or count is negative.
     *
     * @throws IllegalArgumentException naming the option
     */
    public void checkValues() {
        checkValues(true);
    }

    /**
     * Checks the values that need no operation to judge; the API key only when the operation uses the REST API.
     *
     * @throws IllegalArgumentException naming the option
     */
    void checkValues(boolean restApi) {
        if (restApi && (getApiKey() == null || getApiKey().isBlank())) {
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
            OptionChecks.between("rateLimitChangeShare", getRateLimitChangeShare(), 0, 100);
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
