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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.camelhightouch.internal.BoundedText;

/**
 * A List body sent one element per request stopped at its first failure. Tells apart, element by element, what was
 * created (with the ids Hightouch gave), the one element whose outcome is unknown (its request may have been acted on:
 * a 5xx answer or a connection lost after sending), and what was not sent. {@link #getRemaining()} is exactly what is
 * safe to send again: it never holds an element that may have been created.
 */
public class HightouchBatchException extends HightouchException {

    private static final long serialVersionUID = 1L;
    /** At most this many ids are named in the message; {@link #getCreatedIds()} has them all. */
    private static final int IDS_IN_MESSAGE = 20;

    private final transient List<Object> createdIds;
    private final transient List<Object> results;
    private final int failedIndex;
    private final int size;
    private final transient Object failedRecord;
    private final boolean outcomeUnknown;
    private final transient List<Object> notSent;

    /**
     * @param createdIds     the ids of elements 0 to failedIndex - 1, in order
     * @param results        their parsed answers
     * @param failedIndex    the element whose request failed
     * @param failedRecord   that element, as it was in the body
     * @param outcomeUnknown whether Hightouch may have acted on that element's request
     * @param notSent        the elements after it, never sent
     */
    public HightouchBatchException(String operation, List<Object> createdIds, List<Object> results, int failedIndex,
                                   int size, Object failedRecord, boolean outcomeUnknown, List<Object> notSent,
                                   Throwable cause) {
        super(describe(operation, createdIds, failedIndex, size, outcomeUnknown, cause), cause);
        // null for an element answered outside 2xx (throwExceptionOnFailure=false): List.copyOf refuses nulls
        this.createdIds = Collections.unmodifiableList(new ArrayList<>(createdIds));
        this.results = results;
        this.failedIndex = failedIndex;
        this.size = size;
        this.failedRecord = failedRecord;
        this.outcomeUnknown = outcomeUnknown;
        this.notSent = notSent;
    }

    /** The ids of the elements created before the failure, in order (elements 0 to failedIndex - 1). */
    public List<Object> getCreatedIds() {
        return createdIds;
    }

    /** The parsed responses of the created elements, in order. */
    public List<Object> getResults() {
        return results;
    }

    /** The index of the element whose request failed. */
    public int getFailedIndex() {
        return failedIndex;
    }

    /** How many elements the List body had. */
    public int getSize() {
        return size;
    }

    /** The element whose request failed, as it was in the body. */
    public Object getFailedRecord() {
        return failedRecord;
    }

    /**
     * Whether Hightouch may have acted on the failed element's request (a 5xx answer other than 503, or no answer
     * after the request may have been written): it may exist now, and sending it again could duplicate it. Check
     * Hightouch (by slug, for instance) before sending it again.
     */
    public boolean isOutcomeUnknown() {
        return outcomeUnknown;
    }

    /** The failed element when its outcome is unknown ({@link #isOutcomeUnknown()}), else an empty List. */
    public List<Object> getOutcomeUnknown() {
        return outcomeUnknown ? List.of(failedRecord) : List.of();
    }

    /** The elements after the failed one, never sent. */
    public List<Object> getNotSent() {
        return notSent;
    }

    /**
     * What is safe to send again: the failed element when Hightouch is known not to have created it (a 4xx answer,
     * 429 or 503 after the retries, or a failure before any byte was sent), followed by the elements not sent.
     */
    public List<Object> getRemaining() {
        if (outcomeUnknown) {
            return notSent;
        }
        List<Object> remaining = new ArrayList<>(notSent.size() + 1);
        remaining.add(failedRecord);
        remaining.addAll(notSent);
        return remaining;
    }

    private static String describe(String operation, List<Object> createdIds, int failedIndex, int size,
                                   boolean outcomeUnknown, Throwable cause) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("hightouch:").append(operation).append(" stopped at element ").append(failedIndex)
                .append(" of a List of ").append(size).append(": ");
        if (createdIds.isEmpty()) {
            sb.append("no element was created");
        } else {
            sb.append("elements 0-").append(failedIndex - 1).append(" were created (ids ");
            sb.append(createdIds.subList(0, Math.min(IDS_IN_MESSAGE, createdIds.size())));
            if (createdIds.size() > IDS_IN_MESSAGE) {
                sb.append(" and ").append(createdIds.size() - IDS_IN_MESSAGE).append(" more");
            }
            sb.append(')');
        }
        sb.append(outcomeUnknown
                ? "; element " + failedIndex + " may have been created (outcome unknown: not in getRemaining())"
                : "; element " + failedIndex + " was not created");
        if (failedIndex + 1 < size) {
            sb.append("; elements ").append(failedIndex + 1).append('-').append(size - 1).append(" were not sent");
        }
        if (cause != null && cause.getMessage() != null) {
            String text = cause.getMessage();
            sb.append(". Cause: ").append(BoundedText.cut(text, 1024));
        }
        return sb.toString();
    }
}
