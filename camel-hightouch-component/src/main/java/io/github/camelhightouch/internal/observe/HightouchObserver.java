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
package io.github.camelhightouch.internal.observe;

import java.util.Map;

import io.github.camelhightouch.internal.http.HttpAnswer;
import io.github.camelhightouch.internal.http.SendFailure;

/**
 * What the request, run and events paths report as they go; every method is a no-op by default ({@link #NONE}).
 * Each hook is one call from the path it observes, made without holding a lock; an implementation must be quick and
 * must not throw. No argument carries a secret: operations are the component's operation names, and answers and
 * errors have been masked of the keys before they get here.
 */
public interface HightouchObserver {

    /** Observes nothing. */
    HightouchObserver NONE = new HightouchObserver() {
    };

    /**
     * One HTTP attempt of a call ended, with an answer or a failure.
     *
     * @param nanos how long the attempt took on the wire
     */
    default void attemptEnded(String operation, HttpAnswer answer, SendFailure failure, long nanos) {
    }

    /**
     * A call ended: with Hightouch's last answer (any status) or with an error.
     *
     * @param attempts how many attempts it made (retries are attempts - 1)
     * @param nanos    how long the call took, waits and retries included
     */
    default void callEnded(String operation, HttpAnswer answer, Throwable error, int attempts, long nanos) {
    }

    /** A request waited this long in the rate-limit queue before it got its token. */
    default void rateLimitWaited(long nanos) {
    }

    /**
     * A wait for a run ended: with the final run, or with the error the wait failed with.
     *
     * @param runType the kind of run, e.g. {@code SYNC_RUN}
     */
    default void runEnded(String runType, Map<String, Object> run, Throwable error) {
    }

    /** Events were queued for sending. */
    default void eventsQueued(String operation, int count) {
    }

    /** Events were refused before they were queued (the queue was full or closed): never sent. */
    default void eventsDropped(String operation, int count) {
    }

    /** A batch of this many events goes to Hightouch. */
    default void batchSent(String operation, int events) {
    }

    /**
     * The queued events of one exchange are settled: delivered when {@code error} is null, else failed with it
     * (never sent, or refused or lost on the way: see {@link Outcome#neverSent}).
     */
    default void eventsSettled(String operation, int count, Throwable error) {
    }
}
