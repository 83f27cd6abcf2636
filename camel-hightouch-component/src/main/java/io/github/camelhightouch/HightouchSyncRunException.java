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

import java.util.Map;

import io.github.camelhightouch.internal.BoundedText;

/**
 * A sync run (or sync sequence run, or identity resolution run) that was waited on finished unsuccessfully: failed,
 * cancelled or interrupted (FAILURE or CANCELLED for identity resolution), or warning when failOnWarning is set.
 * Carries the final run as Hightouch described it, so that an error handler can read its error message and row counts.
 */
public class HightouchSyncRunException extends HightouchRunException {

    private static final long serialVersionUID = 1L;

    private final String status;
    private final transient Map<String, Object> run;

    public HightouchSyncRunException(String operation, String syncId, String runId, String status, Map<String, Object> run) {
        super(operation, syncId, runId, "finished with status " + status + errorOf(run, ": "), null);
        this.status = status;
        this.run = run;
    }

    /** The final status, e.g. {@code failed}. */
    public String getStatus() {
        return status;
    }

    /** The final run as Hightouch answered it (status, row counts, error, ...). */
    public Map<String, Object> getRun() {
        return run;
    }

    /** The run's {@code error} message, or null. */
    public String getRunError() {
        Object error = run == null ? null : run.get("error");
        return error == null ? null : error.toString();
    }

    private static String errorOf(Map<String, Object> run, String prefix) {
        Object error = run == null ? null : run.get("error");
        // rendered without recursion and bounded: an error can be any JSON value, of any size or depth
        return error == null ? "" : prefix + BoundedText.render(error, MAX_MESSAGE_CHARS);
    }
}
