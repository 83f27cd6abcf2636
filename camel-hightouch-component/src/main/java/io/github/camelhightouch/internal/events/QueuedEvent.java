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

import java.util.concurrent.CompletableFuture;

/**
 * One event waiting for Hightouch: its bytes as sent, its deadline, and the future its exchange waits on, which
 * completes once. Its place in the queue is given back by the handler, when its exchange goes on.
 */
final class QueuedEvent {

    final byte[] json;
    final long deadline;
    private final CompletableFuture<Delivery> future = new CompletableFuture<>();

    /**
     * @param json     the event as it goes into the batch
     * @param deadline the {@link System#nanoTime()} by which it must be completed
     */
    QueuedEvent(byte[] json, long deadline) {
        this.json = json;
        this.deadline = deadline;
    }

    CompletableFuture<Delivery> future() {
        return future;
    }

    /** Hightouch accepted the batch that held the event. */
    void delivered(int status, int attempts) {
        future.complete(new Delivery(status, attempts));
    }

    /** The event's batch failed, or the event never got into one. */
    void failed(Throwable error) {
        future.completeExceptionally(error);
    }

    boolean isDone() {
        return future.isDone();
    }

    /**
     * Hightouch's acceptance: the status and the attempts the batch took.
     */
    record Delivery(int status, int attempts) {
    }
}
