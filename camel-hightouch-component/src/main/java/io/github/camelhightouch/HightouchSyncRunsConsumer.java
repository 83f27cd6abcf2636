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

import io.github.camelhightouch.internal.operation.SyncRunsReader;
import io.github.camelhightouch.internal.run.RunChangeTracker;
import io.github.camelhightouch.internal.run.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The syncRuns consumer: polls the runs of a sync (or of every sync) every delay milliseconds (30 s by default) and
 * emits one exchange per run each time the run shows a status it was not delivered in yet; with terminalOnly,
 * finished runs only. The body is the run; the headers carry the sync id, the run id and the status.
 * <p>
 * What was delivered is kept in the endpoint's idempotentRepository, or else in an in-memory one of this consumer
 * (the last {@value #DEFAULT_REPOSITORY_SIZE} keys, lost when the route restarts, since Camel then creates a new
 * consumer). The CamelContext starts a configured repository and stops it when it stops. A run is
 * recorded only once the route processed its exchange without an exception (and without marking it rollback-only):
 * a failed delivery is handed to the consumer's exception handler and emitted again on the next poll. A failed poll is
 * handed to the exception handler too (logged by default) and the next poll goes on.
 */
public class HightouchSyncRunsConsumer extends ScheduledPollConsumer {

    /** How long the consumer waits between two polls unless the delay option says otherwise. */
    public static final long DEFAULT_DELAY = 30_000;

    /** How many keys the default in-memory repository keeps, the least recently added dropped first. */
    public static final int DEFAULT_REPOSITORY_SIZE = 10_000;

    private final HightouchEndpoint endpoint;
    private final IdempotentRepository repository;
    private final boolean ownRepository;
    private SyncRunsReader reader;
    private RunChangeTracker tracker;

    public HightouchSyncRunsConsumer(HightouchEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        IdempotentRepository configured = endpoint.getOptions().getIdempotentRepository();
        this.ownRepository = configured == null;
        this.repository = ownRepository
                ? MemoryIdempotentRepository.memoryIdempotentRepository(DEFAULT_REPOSITORY_SIZE) : configured;
    }

    @Override
    public HightouchEndpoint getEndpoint() {
        return endpoint;
    }

    /**
     * The repository of what this consumer delivered: the endpoint's idempotentRepository, or its own.
     */
    public IdempotentRepository getIdempotentRepository() {
        return repository;
    }

    @Override
    protected void doStart() throws Exception {
        if (!ownRepository && !getEndpoint().getCamelContext().hasService(repository)) {
            // the context starts it (loading a file store, for instance) and stops it when it stops
            getEndpoint().getCamelContext().addService(repository, true, true);
        }
        ServiceHelper.startService(repository);
        reader = new SyncRunsReader(endpoint.getOperationContext());
        tracker = new RunChangeTracker(repository, endpoint.getOptions().isTerminalOnly());
        super.doStart();
    }

    @Override
    protected void doShutdown() throws Exception {
        super.doShutdown();
        if (ownRepository) {
            ServiceHelper.stopAndShutdownService(repository);
        }
    }

    @Override
    protected int poll() throws Exception {
        List<SyncRun> changes = tracker.changes(reader.read());
        for (SyncRun run : changes) {
            if (!isRunAllowed()) {
                break;
            }
            if (deliver(run)) {
                tracker.delivered(run);
            }
        }
        return changes.size();
    }

    /**
     * Routes one exchange for the run and tells whether the route processed it: without an exception and not marked
     * rollback-only. A failure is handed to the exception handler.
     */
    private boolean deliver(SyncRun run) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setBody(run.run());
        message.setHeader(HightouchConstants.SYNC_ID, run.syncId());
        message.setHeader(HightouchConstants.SYNC_RUN_ID, run.runId());
        message.setHeader(HightouchConstants.SYNC_RUN_STATUS, run.status());
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        boolean processed = exchange.getException() == null && !exchange.isRollbackOnly();
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing sync run " + run.runId()
                                                  + " (emitted again on the next poll)", exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
        return processed;
    }
}
