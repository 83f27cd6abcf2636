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

import io.github.camelhightouch.internal.JsonBodies;
import io.github.camelhightouch.internal.OperationInvoker;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Hands each exchange to the endpoint's operation handler and completes it when the handler's future does: inline
 * when nothing had to wait, later from the component's threads otherwise, so a producer never blocks on a wait. On
 * success the body becomes the parsed JSON answer; on failure the exchange fails with a {@link HightouchException}
 * and keeps its body untouched (an InputStream or Reader body is first read once into bytes or text, which the
 * message keeps).
 */
public class HightouchProducer extends DefaultAsyncProducer {

    private final HightouchEndpoint endpoint;

    public HightouchProducer(HightouchEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public HightouchEndpoint getEndpoint() {
        return endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        HightouchConfiguration configuration = endpoint.getConfiguration();
        HightouchHttpMethod method = endpoint.getOperation() == HightouchOperation.raw
                ? configuration.getHttpMethod() : endpoint.getOperation().getMethod();
        if (JsonBodies.carriesMessageBody(endpoint.getOperation(), method)) {
            try {
                // a stream body is read once, here, and kept on the message for the error handler
                JsonBodies.readStreamBody(exchange.getMessage(), endpoint.getOperation().name(),
                        configuration.getMaxBodySize(), !configuration.isBatchMode());
            } catch (HightouchValidationException e) {
                exchange.setException(e);
                callback.done(true);
                return true;
            }
        }
        return OperationInvoker.process(endpoint.getOperationHandler(), exchange, callback);
    }
}
