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

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.camelhightouch.internal.ApiCaller;
import io.github.camelhightouch.internal.CallExecutor;
import io.github.camelhightouch.internal.HightouchHttpClient;
import io.github.camelhightouch.internal.HightouchOrigin;
import io.github.camelhightouch.internal.IdResolver;
import io.github.camelhightouch.internal.JsonBodies;
import io.github.camelhightouch.internal.RateLimiters;
import io.github.camelhightouch.internal.RequestRateLimiter;
import io.github.camelhightouch.internal.RetryPolicy;
import io.github.camelhightouch.internal.OperationContext;
import io.github.camelhightouch.internal.OperationHandler;
import io.github.camelhightouch.internal.OperationHandlers;
import io.github.camelhightouch.internal.RequestFactory;
import io.github.camelhightouch.internal.ResponseMapper;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Calls the Hightouch REST API: create, read, update and list sources, models, destinations and syncs, trigger syncs
 * and sync sequences and wait for their runs, or call any Hightouch endpoint; as a consumer (syncRuns), emits sync runs
 * as they start and change status.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "hightouch", title = "Hightouch", syntax = "hightouch:operation",
             category = { Category.CLOUD, Category.API }, producerOnly = false, headersClass = HightouchConstants.class)
public class HightouchEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    /** Headers the component sets itself: a {@code header.*} option may not replace them. */
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "content-type", "accept", "host",
            "content-length", "transfer-encoding");

    @UriPath(description = "The Hightouch operation to perform")
    @Metadata(required = true)
    private HightouchOperation operation;

    @UriParam
    private HightouchConfiguration configuration;

    @UriParam
    private HightouchOperationOptions options = new HightouchOperationOptions();

    /**
     * For the syncRuns consumer: milliseconds between the end of one poll and the start of the next, 30000 (30 s) by
     * default. Each poll reads every page of the runs (of every sync without syncId), and Hightouch allows 200 requests
     * per 10 seconds per workspace, so Camel's usual 500 ms would spend that budget on polling.
     */
    // the scheduler's own field is in ScheduledPollEndpoint; this one gives the option its default in the catalog
    @UriParam(label = "consumer,scheduler", defaultValue = "" + HightouchSyncRunsConsumer.DEFAULT_DELAY)
    private long delay = HightouchSyncRunsConsumer.DEFAULT_DELAY;

    private HightouchOrigin origin;
    private HightouchHttpClient httpClient;
    private CallExecutor callExecutor;
    private OperationContext operationContext;
    private OperationHandler operationHandler;

    public HightouchEndpoint(String uri, HightouchComponent component, HightouchOperation operation,
                             HightouchConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
        // the delay option, set after the endpoint is created, replaces this default
        setDelay(HightouchSyncRunsConsumer.DEFAULT_DELAY);
    }

    @Override
    public HightouchComponent getComponent() {
        return (HightouchComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (operation == HightouchOperation.syncRuns) {
            throw new IllegalArgumentException("operation: hightouch:syncRuns is a consumer (from(\"hightouch:syncRuns?syncId=42\"));"
                                               + " to read runs in a route use hightouch:listSyncRuns");
        }
        return new HightouchProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != HightouchOperation.syncRuns) {
            throw new UnsupportedOperationException("The hightouch:" + operation
                                                    + " endpoint has no consumer; the consumer is hightouch:syncRuns");
        }
        HightouchSyncRunsConsumer consumer = new HightouchSyncRunsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        ServiceHelper.initService(getComponent());
        // bad configuration fails the route at start, naming the option
        configuration.checkValues();
        origin = HightouchOrigin.of(configuration.getBaseUrl());
        String url;
        HightouchHttpMethod method;
        if (operation == HightouchOperation.raw) {
            if (configuration.getUrl() == null || configuration.getUrl().isBlank()) {
                throw new IllegalArgumentException("url: must be set for hightouch:raw (e.g. url=/syncs/42/trigger)");
            }
            url = origin.resolve(configuration.getUrl(), "url");
            method = configuration.getHttpMethod();
        } else {
            if (configuration.isBatchMode()) {
                throw new IllegalArgumentException("batchMode: Hightouch has no batch " + operation
                                                   + "; batchMode=true is only for hightouch:raw. A List body on "
                                                   + operation + " is sent one element per request.");
            }
            if (configuration.getUrl() != null) {
                throw new IllegalArgumentException("url: is only for hightouch:raw, not for hightouch:" + operation);
            }
            // paths with an id placeholder are completed per message by the operation's handler
            url = operation.hasPathTemplate() ? origin.baseUrl() + operation.getPath()
                    : origin.resolve(operation.getPath(), "url");
            method = operation.getMethod();
        }
        JsonBodies json = new JsonBodies(getComponent().getObjectMapper(), configuration.getMaxBodySize());
        RequestFactory requestFactory = new RequestFactory(operation, method, url, configuration.isValidate(), json,
                extraHeaders());
        ResponseMapper responseMapper = new ResponseMapper(getComponent().getObjectMapper());
        operationContext = new OperationContext(operation, options, configuration.isThrowExceptionOnFailure(),
                new ApiCaller(origin.baseUrl(), () -> callExecutor, responseMapper),
                new IdResolver(operation.name(), options), requestFactory, getComponent()::getRunWaiter,
                configuration.isBatchMode());
        operationHandler = OperationHandlers.create(operationContext);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a route can start its endpoints before the CamelContext has started its components
        ServiceHelper.startService(getComponent());
        httpClient = getComponent().getTransport().newClient(origin, operationContext.requests().url(),
                configuration.getApiKey(), configuration.getConnectTimeout(), configuration.getResponseTimeout());
        ServiceHelper.startService(httpClient);
        RequestRateLimiter rateLimiter = configuration.getRateLimit() == 0
                ? null
                : RateLimiters.of(getCamelContext()).forKey(configuration.getApiKey(), configuration.getRateLimit(),
                        configuration.getRateLimitPeriod());
        callExecutor = new CallExecutor(httpClient,
                new RetryPolicy(configuration.getMaxRetries(), configuration.getRetryBaseDelay(),
                        configuration.getMaxRetryDelay()),
                rateLimiter, configuration.getRequestTimeout(), getComponent().getScheduler(),
                getComponent().getWorkers());
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(httpClient);
        httpClient = null;
        callExecutor = null;
        super.doStop();
    }

    private Map<String, String> extraHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (configuration.getHeaders() == null) {
            return headers;
        }
        if (operation != HightouchOperation.raw && !configuration.getHeaders().isEmpty()) {
            throw new IllegalArgumentException("header.*: extra request headers are only for hightouch:raw");
        }
        for (Map.Entry<String, Object> header : configuration.getHeaders().entrySet()) {
            String name = header.getKey();
            if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("header." + name + ": is not a valid HTTP header name");
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header." + name + ": is set by the component and cannot be overridden");
            }
            headers.put(name, header.getValue() == null ? "" : header.getValue().toString());
        }
        return headers;
    }

    /**
     * The operation to perform.
     */
    public HightouchOperation getOperation() {
        return operation;
    }

    public void setOperation(HightouchOperation operation) {
        this.operation = operation;
    }

    /**
     * The endpoint's options.
     */
    public HightouchConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(HightouchConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * The options of the resource, sync-run and sync-sequence operations and of the consumer.
     */
    public HightouchOperationOptions getOptions() {
        return options;
    }

    public void setOptions(HightouchOperationOptions options) {
        this.options = options;
    }

    /**
     * For the syncRuns consumer: milliseconds between the end of one poll and the start of the next, 30000 (30 s) by
     * default. Each poll reads every page of the runs (of every sync without syncId), and Hightouch allows 200 requests
     * per 10 seconds per workspace, so Camel's usual 500 ms would spend that budget on polling.
     */
    @Override
    public void setDelay(long delay) {
        super.setDelay(delay);
        this.delay = delay;
    }

    OperationContext getOperationContext() {
        return operationContext;
    }

    OperationHandler getOperationHandler() {
        return operationHandler;
    }

    @Override
    public String getServiceUrl() {
        return configuration.getBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "rest";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("operation", operation.name());
    }
}
