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

import java.io.IOException;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * HttpClient's request executor, which runs once the connection is open (TLS included) and writes the request: it
 * marks the attempt as possibly sent right before it writes. Any failure before that mark cannot have reached
 * Hightouch.
 */
final class SendingMarker extends HttpRequestExecutor {

    /** The context attribute that holds the attempt's {@link InFlight}. */
    static final String IN_FLIGHT = "io.github.camelhightouch.inFlight";

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection connection,
                                       HttpResponseInformationCallback informationCallback, HttpContext context)
            throws IOException, HttpException {
        if (context.getAttribute(IN_FLIGHT) instanceof InFlight inFlight) {
            inFlight.markWriting();
        }
        return super.execute(request, connection, informationCallback, context);
    }
}
