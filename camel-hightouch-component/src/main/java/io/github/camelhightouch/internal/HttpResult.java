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

/**
 * What Hightouch answered: the status, the raw body (empty when there was none) and the {@code Retry-After} header.
 *
 * @param status     the HTTP status
 * @param body       the response body, never null
 * @param retryAfter the Retry-After header value, or null
 * @param attempts   how many attempts the call took
 */
public record HttpResult(int status, byte[] body, String retryAfter, int attempts) {

    public HttpResult(int status, byte[] body, String retryAfter) {
        this(status, body, retryAfter, 1);
    }

    /**
     * The same answer, counted as the result of the given number of attempts.
     */
    public HttpResult withAttempts(int attempts) {
        return new HttpResult(status, body, retryAfter, attempts);
    }

    /**
     * Whether the status is 2xx.
     */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
