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
package io.github.camelhightouch.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The two things every future stage of the component needs: the real failure behind a completion wrapper, and a
 * failure rethrown inside a stage.
 */
public final class Futures {

    private Futures() {
    }

    /** The failure behind {@link CompletionException} and {@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Rethrows inside a future stage. */
    public static CompletionException rethrow(Throwable error) {
        return error instanceof CompletionException completion ? completion : new CompletionException(error);
    }
}
