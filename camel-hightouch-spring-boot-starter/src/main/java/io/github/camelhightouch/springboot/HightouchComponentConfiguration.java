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
package io.github.camelhightouch.springboot;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.HightouchConfiguration;
import io.github.camelhightouch.HightouchQueueFullPolicy;
import org.apache.camel.LoggingLevel;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The options of the Hightouch component, bound from camel.component.hightouch.* (for example
 * camel.component.hightouch.api-key). An option left unset keeps the component's default; the defaults shown by the
 * IDE are the component's.
 */
@ConfigurationProperties(prefix = "camel.component.hightouch")
public class HightouchComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * The Hightouch API key, sent in the Authorization header as a Bearer token, and only to the origin of the base
     * URL. Prefer a property placeholder or an environment variable over a literal value.
     */
    private String apiKey;
    /**
     * The base URL of the Hightouch REST API. Must be https, except for loopback addresses (local test servers).
     */
    private String baseUrl;
    /**
     * How long to wait for a connection to Hightouch (a number is read as milliseconds; 10s is accepted too).
     */
    private Duration connectTimeout;
    /**
     * How long to wait for Hightouch's response once the request is sent (a number is read as milliseconds; 30s is
     * accepted too). Never infinite.
     */
    private Duration responseTimeout;
    /**
     * The longest time one call may take, retries and rate-limit waits included: no retry is started past it (a
     * number is read as milliseconds; 2m is accepted too).
     */
    private Duration requestTimeout;
    /**
     * How many times a failed request may be repeated. Only what Hightouch cannot have acted on is repeated for every
     * operation (429, 503, failures to connect); 500, 502, 504, read timeouts and lost connections are repeated for GET
     * and PATCH only, never for a POST that creates or triggers. 0 disables retries.
     */
    private Integer maxRetries;
    /**
     * The first retry delay; it doubles with each attempt, and each delay is drawn at random below it (full jitter).
     */
    private Duration retryBaseDelay;
    /**
     * The longest delay between two attempts, also the cap on a Retry-After header.
     */
    private Duration maxRetryDelay;
    /**
     * How many requests may be sent in any rate-limit period, per API key, across every endpoint and route of the
     * CamelContext. 0 disables the limit.
     */
    private Integer rateLimit;
    /**
     * The window of the rate limit.
     */
    private Duration rateLimitPeriod;
    /**
     * The largest request body in bytes; a larger body is refused before sending.
     */
    private Long maxBodySize;
    /**
     * Whether a response outside 2xx fails the exchange with a HightouchApiException. When false, the error JSON
     * becomes the message body and the status is in the CamelHightouchResponseCode header.
     */
    private Boolean throwExceptionOnFailure;
    /**
     * Whether the record is checked against the operation's required fields before it is sent.
     */
    private Boolean validate;
    /**
     * How many requests may wait for the rate limit at once, per API key; one more fails at once, nothing sent.
     */
    private Integer rateLimitQueueSize;
    /**
     * The percentage (0 to 100) of each rateLimitPeriod's budget that creates, updates and triggers may take ahead of
     * waiting reads and polls; past it, and when no change waits, requests go in arrival order. 0 = arrival order only.
     */
    private Integer rateLimitChangeShare;
    /**
     * The write key of a Hightouch Events source, for the events operations (track, identify, page, screen, group,
     * alias, batch): sent as HTTP Basic user, only to eventsUrl. Secret: set it from the environment.
     */
    private String writeKey;
    /**
     * The base URL of the Hightouch Events API, the host of the events source's region (us-east-1, eu-west-1,
     * ap-south-1).
     */
    private String eventsUrl;
    /**
     * Events operations: the most events in one POST /v1/batch.
     */
    private Integer batchSize;
    /**
     * Events operations: the largest batch request body in bytes, the envelope included (under 500 KB).
     */
    private Integer batchBytes;
    /**
     * Events operations: how long a batch waits for more events after its first one.
     */
    private Duration lingerMs;
    /**
     * Events operations: how many events the endpoint holds at once, queued or in flight.
     */
    private Integer maxQueuedEvents;
    /**
     * Events operations: what an event does when maxQueuedEvents are already held: wait for room or fail at once.
     */
    private HightouchQueueFullPolicy queueFullPolicy;
    /**
     * Events operations: when the endpoint stops, how long the events still queued or in flight may take to be sent.
     */
    private Duration flushTimeout;
    /**
     * The level of the progress lines (logger io.github.camelhightouch.progress): each status a waited run meets, once,
     * with the elapsed time and the row counts; every 10 pages of a long list read; every 100 elements of a long List
     * body. OFF writes none.
     */
    private LoggingLevel progressLoggingLevel;
    /**
     * A whole HightouchConfiguration bean (#bean:name) for the shared endpoint options; the other properties set here
     * are applied on top of it.
     */
    private HightouchConfiguration configuration;
    /**
     * The size of the HTTP connection pool shared by all endpoints of the component.
     */
    private Integer maxConnections;
    /**
     * How many threads send the requests that had to wait, for the rate limit or a retry backoff, shared by all
     * endpoints of the component.
     */
    private Integer workerPoolSize;
    /**
     * How many threads poll the sync runs being waited on, shared by all endpoints of the component.
     */
    private Integer waitPoolSize;
    /**
     * Whether exceptions of the syncRuns consumer (for example while polling Hightouch) are handled by the route's
     * error handler instead of being logged.
     */
    private Boolean bridgeErrorHandler;
    /**
     * The Jackson ObjectMapper (#bean:name) that serializes POJO bodies and parses responses; by default one of the
     * component's own, tolerant of unknown fields.
     */
    private ObjectMapper objectMapper;
    /**
     * Whether the producer should be started lazy (on the first message), so that a failing producer does not stop
     * the route from starting.
     */
    private Boolean lazyStartProducer;
    /**
     * Whether autowiring is enabled: options marked as autowired are looked up in the registry.
     */
    private Boolean autowiredEnabled;
    /**
     * Used for enabling or disabling all consumer based health checks from this component: the health check Camel runs
     * for each syncRuns consumer (a scheduled poll consumer), which reports whether its polls of the sync runs succeed.
     */
    private Boolean healthCheckConsumerEnabled;
    /**
     * Whether the producer health check (GET /sources?limit=1 with the API key) is registered. Producer checks run
     * only with camel.health.producers-enabled=true.
     */
    private Boolean healthCheckProducerEnabled;

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getRetryBaseDelay() {
        return retryBaseDelay;
    }

    public void setRetryBaseDelay(Duration retryBaseDelay) {
        this.retryBaseDelay = retryBaseDelay;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public Integer getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(Integer rateLimit) {
        this.rateLimit = rateLimit;
    }

    public Duration getRateLimitPeriod() {
        return rateLimitPeriod;
    }

    public void setRateLimitPeriod(Duration rateLimitPeriod) {
        this.rateLimitPeriod = rateLimitPeriod;
    }

    public Long getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(Long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public Boolean getThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    public void setThrowExceptionOnFailure(Boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public Boolean getValidate() {
        return validate;
    }

    public void setValidate(Boolean validate) {
        this.validate = validate;
    }

    public Integer getRateLimitQueueSize() {
        return rateLimitQueueSize;
    }

    public void setRateLimitQueueSize(Integer rateLimitQueueSize) {
        this.rateLimitQueueSize = rateLimitQueueSize;
    }

    public Integer getRateLimitChangeShare() {
        return rateLimitChangeShare;
    }

    public void setRateLimitChangeShare(Integer rateLimitChangeShare) {
        this.rateLimitChangeShare = rateLimitChangeShare;
    }

    public String getWriteKey() {
        return writeKey;
    }

    public void setWriteKey(String writeKey) {
        this.writeKey = writeKey;
    }

    public String getEventsUrl() {
        return eventsUrl;
    }

    public void setEventsUrl(String eventsUrl) {
        this.eventsUrl = eventsUrl;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Integer getBatchBytes() {
        return batchBytes;
    }

    public void setBatchBytes(Integer batchBytes) {
        this.batchBytes = batchBytes;
    }

    public Duration getLingerMs() {
        return lingerMs;
    }

    public void setLingerMs(Duration lingerMs) {
        this.lingerMs = lingerMs;
    }

    public Integer getMaxQueuedEvents() {
        return maxQueuedEvents;
    }

    public void setMaxQueuedEvents(Integer maxQueuedEvents) {
        this.maxQueuedEvents = maxQueuedEvents;
    }

    public LoggingLevel getProgressLoggingLevel() {
        return progressLoggingLevel;
    }

    public void setProgressLoggingLevel(LoggingLevel progressLoggingLevel) {
        this.progressLoggingLevel = progressLoggingLevel;
    }

    public HightouchQueueFullPolicy getQueueFullPolicy() {
        return queueFullPolicy;
    }

    public void setQueueFullPolicy(HightouchQueueFullPolicy queueFullPolicy) {
        this.queueFullPolicy = queueFullPolicy;
    }

    public Duration getFlushTimeout() {
        return flushTimeout;
    }

    public void setFlushTimeout(Duration flushTimeout) {
        this.flushTimeout = flushTimeout;
    }

    public HightouchConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(HightouchConfiguration configuration) {
        this.configuration = configuration;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Integer getWorkerPoolSize() {
        return workerPoolSize;
    }

    public void setWorkerPoolSize(Integer workerPoolSize) {
        this.workerPoolSize = workerPoolSize;
    }

    public Integer getWaitPoolSize() {
        return waitPoolSize;
    }

    public void setWaitPoolSize(Integer waitPoolSize) {
        this.waitPoolSize = waitPoolSize;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public ObjectMapper getObjectMapper() {
        return objectMapper;
    }

    public void setObjectMapper(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    @Override
    public String toString() {
        // never prints the API key
        return "HightouchComponentConfiguration[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "<unset>" : "xxxxxx")
               + "]";
    }
}
