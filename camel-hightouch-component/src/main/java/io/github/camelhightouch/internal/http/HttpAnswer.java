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
 * What Hightouch answered to one attempt: the status, the raw body (empty when there was none) and the
 * {@code Retry-After} header.
 *
 * @param status     the HTTP status
 * @param body       the response body, never null
 * @param retryAfter the Retry-After header value, or null
 * @param attempts   how many attempts the call took to get this answer
 */
public record HttpAnswer(int status, byte[] body, String retryAfter, int attempts) {

    /** The same answer, as the result of a call that took the given number of attempts. */
    public HttpAnswer withAttempts(int count) {
        return count == attempts ? this : new HttpAnswer(status, body, retryAfter, count);
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
