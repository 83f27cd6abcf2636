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

import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import io.github.camelhightouch.HightouchCallException;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.internal.Futures;
import io.github.camelhightouch.internal.http.HttpAnswer;

/**
 * The outcome of an attempt or a call as a short, bounded word, the value of the {@code outcome} tag: {@code 2xx},
 * {@code 3xx}, {@code 4xx}, {@code 5xx} or {@code 429} for an answer, and for a failure {@code timeout} (a timeout on
 * the wire, or the call's requestTimeout), {@code cancelled} (the endpoint or component stopped), {@code rejected}
 * (the rate-limit queue was full) or {@code transport} (any other failure to get an answer).
 */
public final class Outcome {

    public static final String TIMEOUT = "timeout";
    public static final String CANCELLED = "cancelled";
    public static final String REJECTED = "rejected";
    public static final String TRANSPORT = "transport";

    private Outcome() {
    }

    /** The outcome of an answer, or of the failure when there is no answer. */
    public static String of(HttpAnswer answer, Throwable failure) {
        return answer != null ? ofStatus(answer.status()) : ofFailure(failure);
    }

    /** The status class of an answer; 429 on its own. */
    public static String ofStatus(int status) {
        if (status == 429) {
            return "429";
        }
        if (status < 100 || status > 599) {
            return "other";
        }
        return (status / 100) + "xx";
    }

    /** The kind of a failure, found along its causes. */
    public static String ofFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException
                || cause.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout")) {
                return TIMEOUT;
            }
            if (cause instanceof CancellationException) {
                return CANCELLED;
            }
            if (cause instanceof RejectedExecutionException) {
                return REJECTED;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return TRANSPORT;
    }

    /** Whether an event failed without ever being sent: refused, overdue in the queue, or stopped before sending. */
    public static boolean neverSent(Throwable failure) {
        Throwable error = Futures.unwrap(failure);
        return error instanceof HightouchTransportException transport && !transport.isOutcomeUnknown()
               && ((HightouchCallException) transport).getAttempts() == 0;
    }
}
