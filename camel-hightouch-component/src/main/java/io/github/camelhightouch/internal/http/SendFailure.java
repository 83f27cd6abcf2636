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

/**
 * An attempt that got no answer. {@link #mayHaveBeenSent()} is false only when the failure is proven to have happened
 * before the first byte of the request was written (no connection, TLS handshake failed, no pooled connection in
 * time): then Hightouch cannot have acted on it.
 */
public final class SendFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean mayHaveBeenSent;

    public SendFailure(Throwable cause, boolean mayHaveBeenSent) {
        super(cause == null ? null : cause.toString(), cause, false, false);
        this.mayHaveBeenSent = mayHaveBeenSent;
    }

    /** Whether any byte of the request may have been written. */
    public boolean mayHaveBeenSent() {
        return mayHaveBeenSent;
    }
}
