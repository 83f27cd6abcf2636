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

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.github.camelhightouch.internal.BoundedText;
import io.github.camelhightouch.internal.http.HttpAnswer;

/**
 * The last failures of the calls, for the dev console: a small ring, the oldest dropped first. Each entry holds the
 * time, the operation, the outcome, the HTTP status (0 without an answer) and a message of at most
 * {@value #MAX_MESSAGE} characters: the start of Hightouch's error body, or the error's message. Answers reach here
 * masked of the keys (the sender masks them as they are read) and errors never carry a key.
 */
public final class LastErrors {

    /** How many failures are kept. */
    public static final int CAPACITY = 20;

    /** The longest message kept. */
    public static final int MAX_MESSAGE = 300;

    /** One failure. */
    public record Failure(Instant time, String operation, String outcome, int status, String message) {
    }

    private final Deque<Failure> ring = new ArrayDeque<>(CAPACITY);

    /** Keeps the call if it failed: an error, or an answer of status 400 or more. */
    public void callEnded(String operation, HttpAnswer answer, Throwable error) {
        if (answer != null && answer.status() < 400) {
            return;
        }
        String message = answer != null ? BoundedText.decode(answer.body(), MAX_MESSAGE - 40)
                : String.valueOf(error.getMessage());
        add(new Failure(Instant.now(), operation, Outcome.of(answer, error), answer != null ? answer.status() : 0,
                BoundedText.cut(oneLine(message), MAX_MESSAGE)));
    }

    private synchronized void add(Failure failure) {
        if (ring.size() == CAPACITY) {
            ring.pollFirst();
        }
        ring.addLast(failure);
    }

    /** The failures kept, newest first. */
    public synchronized List<Failure> newestFirst() {
        List<Failure> copy = new ArrayList<>(ring);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
