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

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.internal.call.CallWatchdog;
import io.github.camelhightouch.internal.call.RateLimiters;
import io.github.camelhightouch.internal.call.RequestRateLimiter;
import io.github.camelhightouch.internal.events.EventsClient;
import io.github.camelhightouch.internal.http.HttpTransport;
import io.github.camelhightouch.internal.observe.HightouchObserver;
import io.github.camelhightouch.internal.observe.Observation;
import io.github.camelhightouch.internal.run.SyncRunWaiter;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.PropertiesHelper;
import org.apache.camel.util.URISupport;
import org.apache.hc.core5.pool.PoolStats;

/**
 * The Hightouch component: holds the options shared by all its endpoints and the one HTTP connection pool they share.
 */
@Component("hightouch")
@ManagedResource(description = "Hightouch component: rate-limit queue and headroom, run waits, HTTP pool, events held")
public class HightouchComponent extends HealthCheckComponent {

    @Metadata
    private HightouchConfiguration configuration = new HightouchConfiguration();

    @Metadata(label = "advanced", defaultValue = "64")
    private int maxConnections = 64;

    @Metadata(label = "advanced", autowired = false)
    private ObjectMapper objectMapper;

    @Metadata(label = "advanced", defaultValue = "4")
    private int waitPoolSize = 4;

    @Metadata(label = "advanced", defaultValue = "2")
    private int workerPoolSize = 2;

    private HttpTransport transport;
    private CallWatchdog watchdog;
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;
    private ScheduledExecutorService waitScheduler;
    private SyncRunWaiter runWaiter;
    private HightouchHealthCheckRegistration healthCheckRegistration;

    /** As Camel compares keys: lower case, without dashes. */
    private static final String WRITE_KEY_KEYWORD = "writekey";

    static {
        // Camel masks the options it knows to be secret in every URI it shows; the events write key is one more
        URISupport.addSanitizeKeywords("writeKey");
    }

    public HightouchComponent() {
    }

    /**
     * Also marks writeKey as sensitive for the context: Camel Main (and Camel Quarkus) log
     * {@code camel.component.hightouch.*} at startup and mask only the keys Camel knows to be secret; apiKey is one,
     * writeKey is not.
     */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        super.setCamelContext(camelContext);
        if (camelContext != null) {
            ExtendedCamelContext extension = camelContext.getCamelContextExtension();
            String keywords = extension.getAdditionalSensitiveKeywords();
            if (keywords == null || keywords.isBlank()) {
                extension.setAdditionalSensitiveKeywords(WRITE_KEY_KEYWORD);
            } else if (!keywords.toLowerCase(Locale.ENGLISH).contains(WRITE_KEY_KEYWORD)) {
                extension.setAdditionalSensitiveKeywords(keywords + "," + WRITE_KEY_KEYWORD);
            }
        }
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        HightouchOperation operation;
        try {
            operation = HightouchOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("operation: unknown Hightouch operation '" + remaining + "' in hightouch:"
                                               + remaining + "; known operations: "
                                               + java.util.Arrays.toString(HightouchOperation.values()));
        }
        HightouchEndpoint endpoint = new HightouchEndpoint(uri, this, operation, configuration.copy());
        // header.Name=value options: the configurers do not bind a multi-value prefix, the component does
        Map<String, Object> extraHeaders = PropertiesHelper.extractProperties(parameters, "header.");
        setProperties(endpoint, parameters);
        if (!extraHeaders.isEmpty()) {
            Map<String, Object> headers = new LinkedHashMap<>();
            if (endpoint.getOptions().getHeaders() != null) {
                headers.putAll(endpoint.getOptions().getHeaders());
            }
            headers.putAll(extraHeaders);
            endpoint.getOptions().setHeaders(headers);
        }
        return endpoint;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (objectMapper == null) {
            objectMapper = new ObjectMapper().findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: must be at least 1, got " + maxConnections);
        }
        transport = new HttpTransport(getCamelContext(), maxConnections);
        ServiceHelper.startService(transport);
        // waits (retry backoff, rate limit, polling) are scheduled tasks: they hold no thread while waiting
        ExecutorServiceManager executors = getCamelContext().getExecutorServiceManager();
        scheduler = executors.newScheduledThreadPool(this, "HightouchScheduler", 2);
        if (workerPoolSize < 1) {
            throw new IllegalArgumentException("workerPoolSize: must be at least 1, got " + workerPoolSize);
        }
        // the requests that follow a wait (rate limit, retry backoff) run here; a few threads suffice, since the
        // rate limit, not the threads, decides how fast such requests may go
        workers = executors.newThreadPool(this, "HightouchWorker", new ThreadPoolProfileBuilder("HightouchWorker")
                .poolSize(workerPoolSize).maxPoolSize(workerPoolSize).allowCoreThreadTimeOut(true).keepAliveTime(30L)
                .maxQueueSize(-1).build());
        if (waitPoolSize < 1) {
            throw new IllegalArgumentException("waitPoolSize: must be at least 1, got " + waitPoolSize);
        }
        waitScheduler = getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, "HightouchRunWaits",
                waitPoolSize);
        Observation observation = Observation.of(getCamelContext());
        runWaiter = new SyncRunWaiter(waitScheduler, observation.observer());
        watchdog = new CallWatchdog(scheduler);
        RateLimiters.of(getCamelContext()).componentStarted();
        observation.componentStarted(this);
        healthCheckRegistration = new HightouchHealthCheckRegistration(this);
        ServiceHelper.startService(healthCheckRegistration);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(healthCheckRegistration);
        healthCheckRegistration = null;
        ExecutorServiceManager executors = getCamelContext().getExecutorServiceManager();
        // waits first: they send through the scheduler and workers below
        if (runWaiter != null) {
            runWaiter.close();
            runWaiter = null;
        }
        // then every call still live, wherever it is: queued, backing off or on the wire
        if (watchdog != null) {
            watchdog.close("the hightouch component is stopping");
            watchdog = null;
        }
        if (waitScheduler != null) {
            executors.shutdownNow(waitScheduler);
            waitScheduler = null;
        }
        if (scheduler != null) {
            executors.shutdownNow(scheduler);
            scheduler = null;
        }
        if (workers != null) {
            executors.shutdownNow(workers);
            workers = null;
        }
        // the waits and calls ended above are counted: only now may the meters leave the registry
        Observation.of(getCamelContext()).componentStopped(this);
        ServiceHelper.stopService(transport);
        transport = null;
        RateLimiters.of(getCamelContext()).componentStopped();
        super.doStop();
    }

    /** Where the endpoints report what they do: metrics, when there are any, and the last failures. */
    HightouchObserver getObserver() {
        return Observation.of(getCamelContext()).observer();
    }

    /**
     * Requests waiting for a rate-limit token, over the rate limiters of the CamelContext (one per API key, shared
     * by the components of the context).
     */
    @ManagedAttribute(description = "Requests waiting for a rate-limit token (rate limiters of the CamelContext)")
    public int getQueuedRequests() {
        return rateLimiters().stream().mapToInt(RequestRateLimiter::waitingCount).sum();
    }

    /** How many rate limiters the CamelContext has: one per API key in use. */
    @ManagedAttribute(description = "Rate limiters of the CamelContext, one per API key")
    public int getRateLimiters() {
        return rateLimiters().size();
    }

    /** The requests per period the rate limiters allow now, summed: below rateLimit after 429 answers. */
    @ManagedAttribute(description = "Requests per period the rate limiters allow now (adapted to 429s), summed")
    public int getRateLimitCurrentRate() {
        return rateLimiters().stream().mapToInt(RequestRateLimiter::currentRate).sum();
    }

    /** How many requests could go at once now without waiting for the rate limit, summed over the limiters. */
    @ManagedAttribute(description = "Requests that could go now without waiting for the rate limit, summed")
    public int getRateLimitTokensFree() {
        return rateLimiters().stream().mapToInt(RequestRateLimiter::tokensFree).sum();
    }

    /** Waits for runs (waitForCompletion, waitForSyncRun) in progress. */
    @ManagedAttribute(description = "Waits for runs in progress")
    public int getActiveWaits() {
        SyncRunWaiter waiter = runWaiter;
        return waiter == null ? 0 : waiter.activeWaits();
    }

    /** HTTP connections of the component's pool in use now. */
    @ManagedAttribute(description = "HTTP connections in use")
    public int getHttpPoolLeased() {
        PoolStats stats = poolStats();
        return stats == null ? 0 : stats.getLeased();
    }

    /** HTTP connections of the component's pool idle now, ready for reuse. */
    @ManagedAttribute(description = "HTTP connections idle in the pool")
    public int getHttpPoolAvailable() {
        PoolStats stats = poolStats();
        return stats == null ? 0 : stats.getAvailable();
    }

    /** Requests waiting for a connection of the component's pool now. */
    @ManagedAttribute(description = "Requests waiting for an HTTP connection")
    public int getHttpPoolPending() {
        PoolStats stats = poolStats();
        return stats == null ? 0 : stats.getPending();
    }

    /** The most connections the component's pool holds (maxConnections). */
    @ManagedAttribute(description = "The most HTTP connections the pool holds")
    public int getHttpPoolMax() {
        PoolStats stats = poolStats();
        return stats == null ? 0 : stats.getMax();
    }

    /** Events queued or in flight in the events endpoints of this component. */
    @ManagedAttribute(description = "Events queued or in flight")
    public int getEventsHeld() {
        if (getCamelContext() == null) {
            return 0;
        }
        int held = 0;
        for (Endpoint endpoint : getCamelContext().getEndpoints()) {
            if (endpoint instanceof HightouchEndpoint hightouch && hightouch.getComponent() == this) {
                EventsClient events = hightouch.getEventsClient();
                held += events == null ? 0 : events.heldEvents();
            }
        }
        return held;
    }

    private Collection<RequestRateLimiter> rateLimiters() {
        return getCamelContext() == null ? List.of() : RateLimiters.of(getCamelContext()).all();
    }

    private PoolStats poolStats() {
        HttpTransport http = transport;
        return http == null ? null : http.poolStats();
    }

    CallWatchdog getWatchdog() {
        return watchdog;
    }

    HttpTransport getTransport() {
        return transport;
    }

    ScheduledExecutorService getScheduler() {
        return scheduler;
    }

    ExecutorService getWorkers() {
        return workers;
    }

    /**
     * The waits for runs of all endpoints of this component; null while the component is stopped.
     */
    SyncRunWaiter getRunWaiter() {
        return runWaiter;
    }

    public int getWorkerPoolSize() {
        return workerPoolSize;
    }

    /**
     * How many threads send the requests that had to wait, for the rate limit or a retry backoff, shared by all
     * endpoints of this component. Requests that need not wait are sent on the route's own thread.
     */
    public void setWorkerPoolSize(int workerPoolSize) {
        this.workerPoolSize = workerPoolSize;
    }

    public int getWaitPoolSize() {
        return waitPoolSize;
    }

    /**
     * How many threads poll the runs being waited on (waitForCompletion, waitForSyncRun), shared by all endpoints of
     * this component. A wait holds no thread between its polls, so a few threads serve thousands of waits.
     */
    public void setWaitPoolSize(int waitPoolSize) {
        this.waitPoolSize = waitPoolSize;
    }

    /**
     * The options shared by all endpoints of this component; each endpoint gets its own copy.
     */
    public HightouchConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(HightouchConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /**
     * The size of the HTTP connection pool shared by all endpoints of this component.
     */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public ObjectMapper getObjectMapper() {
        return objectMapper;
    }

    /**
     * The Jackson ObjectMapper that serializes POJO bodies and parses responses; by default one of the component's
     * own, tolerant of unknown fields.
     */
    public void setObjectMapper(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }
}
