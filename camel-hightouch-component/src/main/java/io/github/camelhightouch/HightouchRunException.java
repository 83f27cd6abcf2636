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
 * A wait on a sync run or sync sequence run that did not end well: the run failed, or the wait timed out. One
 * {@code onException(HightouchRunException.class)} catches both.
 */
public abstract class HightouchRunException extends HightouchException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String syncId;
    private final String runId;

    protected HightouchRunException(String operation, String syncId, String runId, String outcome, Throwable cause) {
        super("Hightouch " + operation + ": run " + runId + (syncId == null ? "" : " of " + syncId) + " " + outcome, cause);
        this.operation = operation;
        this.syncId = syncId;
        this.runId = runId;
    }

    /** The component operation that waited, e.g. {@code triggerSync}. */
    public String getOperation() {
        return operation;
    }

    /**
     * The id of the sync, of the sync sequence for a sequence run, or of the graph for an identity resolution run; null
     * when unknown.
     */
    public String getSyncId() {
        return syncId;
    }

    /** The id of the run waited on. */
    public String getRunId() {
        return runId;
    }
}
