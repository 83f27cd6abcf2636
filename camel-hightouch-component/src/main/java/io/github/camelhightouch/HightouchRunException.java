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

import io.github.camelhightouch.internal.BoundedText;

/**
 * A wait on a sync run or sync sequence run that did not end well: the run failed, or the wait timed out. One
 * {@code onException(HightouchRunException.class)} catches both. The message, which error handlers log, is at most
 * {@value #MAX_MESSAGE_CHARS} characters whatever the run's error text or ids hold; the getters keep them whole.
 */
public abstract class HightouchRunException extends HightouchException {

    private static final long serialVersionUID = 1L;

    /** The longest message, as for {@link HightouchApiException}. */
    public static final int MAX_MESSAGE_CHARS = 4096;

    /** The longest id shown in the message. */
    private static final int MAX_ID_CHARS = 256;

    private final String operation;
    private final String syncId;
    private final String runId;

    protected HightouchRunException(String operation, String syncId, String runId, String outcome, Throwable cause) {
        super(BoundedText.cut("Hightouch " + operation + ": run " + BoundedText.cut(runId, MAX_ID_CHARS)
                              + (syncId == null ? "" : " of " + BoundedText.cut(syncId, MAX_ID_CHARS)) + " " + outcome,
                MAX_MESSAGE_CHARS), cause);
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
