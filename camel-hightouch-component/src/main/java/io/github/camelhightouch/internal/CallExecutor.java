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

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;

import io.github.camelhightouch.HightouchTransportException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Sends calls and turns transport failures into {@link HightouchTransportException}s that say whether the request
 * may have reached Hightouch.
 */
public final class CallExecutor {

    private final HightouchHttpClient client;

    public CallExecutor(HightouchHttpClient client) {
        this.client = client;
    }

    /**
     * Sends one call; the future completes with Hightouch's answer (any status) or fails with a
     * {@link HightouchTransportException}.
     */
    public CompletableFuture<HttpResult> send(HttpCall call) {
        try {
            return CompletableFuture.completedFuture(client.execute(call));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(
                    new HightouchTransportException(call.operation(), call.method().name(), call.url(), !isBeforeSending(e), e));
        }
    }

    /**
     * Whether a failure happened before the request could have been sent: no connection was made.
     */
    static boolean isBeforeSending(Throwable e) {
        return e instanceof ConnectException || e instanceof ConnectTimeoutException
               || e instanceof UnknownHostException || e instanceof NoRouteToHostException;
    }
}
