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
 * Hightouch accepted a trigger (2xx) but its answer does not say which run it started (an empty body, text that is
 * not JSON, or JSON without an id). The run was started: redelivering the exchange would start a second one. Look
 * the run up instead (listSyncRuns, or the syncRuns consumer).
 */
public class HightouchRunIdUnknownException extends HightouchException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY_IN_MESSAGE = 512;

    private final String operation;
    private final String targetId;
    private final int statusCode;
    private final String responseBody;

    public HightouchRunIdUnknownException(String operation, String targetId, int statusCode, String responseBody) {
        super("Hightouch " + operation + (targetId == null ? "" : " of " + targetId) + " answered HTTP " + statusCode
              + " without a run id: the run was started but its id is unknown; do not redeliver (that starts a second"
              + " run), look the run up instead. Body: " + cut(responseBody));
        this.operation = operation;
        this.targetId = targetId;
        this.statusCode = statusCode;
        this.responseBody = responseBody;
    }

    /** The component operation, {@code triggerSync} or {@code triggerSyncSequence}. */
    public String getOperation() {
        return operation;
    }

    /** The sync id, slug or sync sequence id that was triggered. */
    public String getTargetId() {
        return targetId;
    }

    /** The 2xx status Hightouch answered with. */
    public int getStatusCode() {
        return statusCode;
    }

    /** The answer's body as text (cut to 64 KB); empty when there was none. */
    public String getResponseBody() {
        return responseBody;
    }

    private static String cut(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty)";
        }
        return BoundedText.cut(body, MAX_BODY_IN_MESSAGE);
    }
}
