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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.JsonBodies;
import io.github.camelhightouch.internal.call.ApiClient;
import io.github.camelhightouch.internal.call.CallRunner;
import io.github.camelhightouch.internal.call.RateLimiters;
import io.github.camelhightouch.internal.call.RequestRateLimiter;
import io.github.camelhightouch.internal.call.ResponseMapper;
import io.github.camelhightouch.internal.call.RetryPolicy;
import io.github.camelhightouch.internal.events.EventsClient;
import io.github.camelhightouch.internal.http.ExtraHeaders;
import io.github.camelhightouch.internal.http.HightouchOrigin;
import io.github.camelhightouch.internal.http.RequestSender;
import io.github.camelhightouch.internal.operation.OperationContext;
import io.github.camelhightouch.internal.operation.OperationHandler;
import io.github.camelhightouch.internal.operation.OperationHandlers;
import io.github.camelhightouch.internal.operation.RequestFactory;
import io.github.camelhightouch.internal.progress.ProgressLog;
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
 * as they start and change status. The events operations (track, identify, page, screen, group, alias, batch) send
 * events to the Hightouch Events API in batches.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "hightouch", title = "Hightouch", syntax = "hightouch:operation",
             category = { Category.CLOUD, Category.API, Category.SAAS }, producerOnly = false, headersClass = HightouchConstants.class)
public class HightouchEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

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
    private RequestSender sender;
    private volatile CallRunner callRunner;
    private OperationContext operationContext;
    private OperationHandler operationHandler;
    private EventsClient events;

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
        List<ExtraHeaders.Header> extraHeaders = OptionChecks.check(operation, configuration, options);
        if (operation.isEvent()) {
            // the Events API has its own origin and key: nothing of the REST API is set up
            origin = HightouchOrigin.of(configuration.getEventsUrl(), "eventsUrl",
                    HightouchConfiguration.DEFAULT_EVENTS_URL, "the write key");
            events = new EventsClient(operation, configuration, origin, getComponent().getObjectMapper(),
                    getComponent().getObserver());
            operationHandler = events.handler();
            return;
        }
        origin = HightouchOrigin.of(configuration.getBaseUrl());
        String url;
        HightouchHttpMethod method;
        if (operation == HightouchOperation.raw) {
            url = origin.resolve(options.getUrl(), "url");
            method = options.getHttpMethod();
        } else {
            // paths with an id placeholder are completed per message by the operation's handler
            url = operation.hasPathTemplate() ? origin.baseUrl() + operation.getPath()
                    : origin.resolve(operation.getPath(), "url");
            method = operation.getMethod();
            if (operation == HightouchOperation.createModel && options.isSkipColumnQuery()) {
                url = url + "?skipColumnQuery=true";
            }
        }
        JsonBodies json = new JsonBodies(getComponent().getObjectMapper(), configuration.getMaxBodySize());
        ApiClient api = new ApiClient(origin, () -> callRunner, new ResponseMapper(getComponent().getObjectMapper()));
        RequestFactory requestFactory = new RequestFactory(operation, method, url, configuration.isValidate(), json,
                extraHeaders, api, operation == HightouchOperation.raw ? options.getContentType() : null);
        operationContext = new OperationContext(operation, options, configuration.isThrowExceptionOnFailure(), api,
                new IdResolver(operation.name(), options), requestFactory, getComponent()::getRunWaiter,
                options.isBatchMode(), new ProgressLog(configuration.getProgressLoggingLevel()));
        operationHandler = OperationHandlers.create(operationContext);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a route can start its endpoints before the CamelContext has started its components
        ServiceHelper.startService(getComponent());
        if (events != null) {
            startEvents();
            return;
        }
        sender = getComponent().getTransport().newSender(origin, configuration.getApiKey(),
                configuration.getConnectTimeout(), configuration.getResponseTimeout());
        ServiceHelper.startService(sender);
        RequestRateLimiter rateLimiter = configuration.getRateLimit() == 0
                ? null
                : RateLimiters.of(getCamelContext()).forKey(configuration.getApiKey(), configuration.getRateLimit(),
                        configuration.getRateLimitPeriod(), configuration.getRateLimitQueueSize(),
                        configuration.getRateLimitChangeShare());
        CallRunner runner = new CallRunner(sender,
                new RetryPolicy(configuration.getMaxRetries(), configuration.getRetryBaseDelay(),
                        configuration.getMaxRetryDelay()),
                rateLimiter, configuration.getRequestTimeout(), getComponent().getScheduler(),
                getComponent().getWorkers()).observedBy(getComponent().getObserver());
        getComponent().getWatchdog().watch(runner);
        callRunner = runner;
    }

    /** The events operations: a sender with the write key to eventsUrl, retries as the event SDKs, no rate limit. */
    private void startEvents() throws Exception {
        sender = getComponent().getTransport().newEventsSender(origin, configuration.getWriteKey(),
                configuration.getConnectTimeout(), configuration.getResponseTimeout());
        ServiceHelper.startService(sender);
        CallRunner runner = new CallRunner(sender,
                RetryPolicy.forEvents(configuration.getMaxRetries(), configuration.getRetryBaseDelay(),
                        configuration.getMaxRetryDelay()),
                null, configuration.getRequestTimeout(), getComponent().getScheduler(), getComponent().getWorkers())
                .observedBy(getComponent().getObserver());
        getComponent().getWatchdog().watch(runner);
        callRunner = runner;
        ExecutorService sendThreads = getCamelContext().getExecutorServiceManager().newFixedThreadPool(this,
                "HightouchEvents[" + operation + "]", EventsClient.SEND_THREADS);
        // Camel's default pool (10 to 20 threads, 1000 queued, the caller runs a task when it is full)
        ExecutorService deliveryThreads = getCamelContext().getExecutorServiceManager().newDefaultThreadPool(this,
                "HightouchEventsDelivery[" + operation + "]");
        events.start(runner, getComponent().getScheduler(), sendThreads, deliveryThreads);
    }

    @Override
    protected void doStop() throws Exception {
        if (events != null) {
            // the queue is flushed first (bounded by flushTimeout); what is left fails below with the runner
            events.stop();
        }
        CallRunner runner = callRunner;
        callRunner = null;
        if (runner != null) {
            // every call of this endpoint ends now, wherever it is, with an error that says whether it was sent
            runner.close("the hightouch:" + operation + " endpoint is stopping");
            if (getComponent().getWatchdog() != null) {
                getComponent().getWatchdog().forget(runner);
            }
        }
        if (events != null) {
            events.shutdown();
        }
        ServiceHelper.stopService(sender);
        sender = null;
        super.doStop();
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

    /** The events side of an events operation, null for the others. */
    EventsClient getEventsClient() {
        return events;
    }

    @Override
    public String getServiceUrl() {
        return operation.isEvent() ? configuration.getEventsUrl() : configuration.getBaseUrl();
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
