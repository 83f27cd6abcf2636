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
package io.github.camelhightouch.internal.operation;

import java.util.concurrent.CompletableFuture;

import io.github.camelhightouch.HightouchValidationException;
import org.apache.camel.Message;

/**
 * One kind of operation: reads what it needs from the message (ids from headers, the body), makes its Hightouch
 * calls and gives the result. Never blocks for a wait: a future that completes later is returned instead.
 */
@FunctionalInterface
public interface OperationHandler {

    /**
     * Starts the operation for a message.
     *
     * @throws HightouchValidationException when the message lacks an id or carries an invalid body; no request was
     *                                      sent
     */
    CompletableFuture<OperationResult> handle(Message message) throws HightouchValidationException;
}
