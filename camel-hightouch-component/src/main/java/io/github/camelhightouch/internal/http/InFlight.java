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
package io.github.camelhightouch.internal.http;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;

/**
 * One attempt on the wire, as seen by whoever may have to stop it: {@link #abort()} closes its connection, and
 * {@link #mayHaveBeenSent()} tells whether HttpClient had started to write the request.
 */
public final class InFlight {

    private final HttpUriRequestBase request;
    private final AtomicBoolean writing = new AtomicBoolean();

    InFlight(HttpUriRequestBase request) {
        this.request = request;
    }

    /** Aborts the attempt: a blocked connect, write or read fails at once on the sending thread. */
    public void abort() {
        request.cancel();
    }

    /** Whether HttpClient had started to write the request when this was read. */
    public boolean mayHaveBeenSent() {
        return writing.get();
    }

    /** Called by the request executor right before the first byte is written. */
    void markWriting() {
        writing.set(true);
    }
}
