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

import io.github.camelhightouch.internal.RunChangeTracker;
import io.github.camelhightouch.internal.SyncRunsReader;
import io.github.camelhightouch.internal.SyncRunsReader.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * The syncRuns consumer: polls the runs of a sync (or of every sync) every delay milliseconds and emits one exchange
 * per run each time the run is first seen or shows a new status, never twice for the same run and status; with
 * terminalOnly, finished runs only. The body is the run; the headers carry the sync id, the run id and the status. A
 * failed poll is handed to the consumer's exception handler (logged by default) and the next poll goes on.
 */
public class HightouchSyncRunsConsumer extends ScheduledPollConsumer {

    private final HightouchEndpoint endpoint;
    private SyncRunsReader reader;
    private RunChangeTracker tracker;

    public HightouchSyncRunsConsumer(HightouchEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    public HightouchEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        reader = new SyncRunsReader(endpoint.getOperationContext());
        tracker = new RunChangeTracker(endpoint.getOptions().isTerminalOnly());
        super.doStart();
    }

    @Override
    protected int poll() throws Exception {
        List<SyncRun> changes = tracker.changes(reader.read());
        for (SyncRun run : changes) {
            if (!isRunAllowed()) {
                break;
            }
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
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing sync run " + run.runId(), exchange,
                        exchange.getException());
            }
            releaseExchange(exchange, false);
        }
        return changes.size();
    }
}
