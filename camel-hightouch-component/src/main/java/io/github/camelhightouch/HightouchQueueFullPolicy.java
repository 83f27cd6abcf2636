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
package io.github.camelhightouch;

/**
 * What an event does when its endpoint already holds maxQueuedEvents events (queued or in flight).
 */
public enum HightouchQueueFullPolicy {
    /** The sending thread waits for room, at most until the exchange's requestTimeout has passed. */
    wait,
    /** The exchange fails at once with a HightouchTransportException; nothing was sent. */
    fail
}
