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

/**
 * A wait for a sync run (or sync sequence run) lasted longer than the timeout option. The run itself goes on in
 * Hightouch; the exception carries the last status seen (null when the run never appeared) so that a route can decide
 * to wait again (waitForSyncRun) rather than trigger again.
 */
public class HightouchWaitTimeoutException extends HightouchRunException {

    private static final long serialVersionUID = 1L;

    private final String lastStatus;
    private final long timeout;
    private final transient Map<String, Object> lastRun;

    public HightouchWaitTimeoutException(String operation, String syncId, String runId, String lastStatus, long timeout,
                                         Map<String, Object> lastRun, Throwable lastPollError) {
        super(operation, syncId, runId, "did not finish within " + timeout + " ms; last status seen: "
                                        + (lastStatus == null ? "none (the run was not visible yet)" : lastStatus)
                                        + (lastPollError == null ? "" : "; last poll failed: " + lastPollError.getMessage()),
              lastPollError);
        this.lastStatus = lastStatus;
        this.timeout = timeout;
        this.lastRun = lastRun;
    }

    /** The last status seen, or null when the run never appeared. */
    public String getLastStatus() {
        return lastStatus;
    }

    /** The timeout that expired, in milliseconds. */
    public long getTimeout() {
        return timeout;
    }

    /** The last run seen, or null. */
    public Map<String, Object> getLastRun() {
        return lastRun;
    }
}
