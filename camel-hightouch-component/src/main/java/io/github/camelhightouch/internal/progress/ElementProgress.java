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
package io.github.camelhightouch.internal.progress;

/**
 * The progress of a List body sent one element after the other: a line after every {@value #EVERY}th element, and one
 * when the last is done, for Lists of {@value #EVERY} elements or more. Shorter Lists log nothing.
 */
public final class ElementProgress {

    /** A line every this many elements. */
    public static final int EVERY = 100;

    private final ProgressLog log;
    private final String operation;
    private final int total;
    private final long startNanos = System.nanoTime();

    public ElementProgress(ProgressLog log, String operation, int total) {
        this.log = log;
        this.operation = operation;
        this.total = total;
    }

    /** Called when {@code done} elements (of the total) are done. */
    public void done(int done) {
        if (total >= EVERY && (done % EVERY == 0 || done == total) && log.isEnabled()) {
            log.log("Hightouch {}: {} of {} elements done after {} ms", operation, done, total,
                    ProgressLog.millisSince(startNanos));
        }
    }
}
