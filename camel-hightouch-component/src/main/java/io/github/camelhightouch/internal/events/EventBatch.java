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
package io.github.camelhightouch.internal.events;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.github.camelhightouch.internal.call.Deadlines;

/**
 * The events of one {@code POST /v1/batch}, and the size of its body: {@code {"batch":[...],"sentAt":"..."}}.
 */
final class EventBatch {

    private static final byte[] HEAD = "{\"batch\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SENT_AT = "],\"sentAt\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

    /** The envelope around the events, with room for any sentAt (a year past 9999 included). */
    static final int ENVELOPE_BYTES = HEAD.length + SENT_AT.length + TAIL.length + 32;

    private final List<QueuedEvent> events = new ArrayList<>();
    private int bytes = ENVELOPE_BYTES;
    /** The linger timer of an open batch. */
    ScheduledFuture<?> linger;

    /** Whether one more event keeps the batch within both limits. */
    boolean fits(QueuedEvent event, int maxEvents, int maxBytes) {
        return events.size() < maxEvents && bytes + separator() + event.json.length <= maxBytes;
    }

    void add(QueuedEvent event) {
        bytes += separator() + event.json.length;
        events.add(event);
    }

    private int separator() {
        return events.isEmpty() ? 0 : 1;
    }

    int size() {
        return events.size();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    List<QueuedEvent> events() {
        return events;
    }

    /** The earliest deadline of its events: the batch must be done by then. */
    long deadline() {
        long deadline = events.get(0).deadline;
        for (QueuedEvent event : events) {
            deadline = Deadlines.earlier(deadline, event.deadline);
        }
        return deadline;
    }

    /** Takes out the events whose deadline has passed (or that ended otherwise), and returns them. */
    List<QueuedEvent> removeOverdue(long now) {
        List<QueuedEvent> overdue = new ArrayList<>();
        for (Iterator<QueuedEvent> it = events.iterator(); it.hasNext();) {
            QueuedEvent event = it.next();
            if (event.isDone() || Deadlines.passed(event.deadline, now)) {
                it.remove();
                overdue.add(event);
            }
        }
        bytes = ENVELOPE_BYTES;
        for (int i = 0; i < events.size(); i++) {
            bytes += (i > 0 ? 1 : 0) + events.get(i).json.length;
        }
        return overdue;
    }

    /** The request body, built once when the batch is sent: its retries send the very same bytes. */
    byte[] body(Instant sentAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes);
        out.writeBytes(HEAD);
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(events.get(i).json);
        }
        out.writeBytes(SENT_AT);
        out.writeBytes(EventEnricher.iso(sentAt).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(TAIL);
        return out.toByteArray();
    }

    void failAll(Throwable error) {
        for (QueuedEvent event : events) {
            event.failed(error);
        }
    }

    void deliveredAll(int status, int attempts) {
        for (QueuedEvent event : events) {
            event.delivered(status, attempts);
        }
    }
}
