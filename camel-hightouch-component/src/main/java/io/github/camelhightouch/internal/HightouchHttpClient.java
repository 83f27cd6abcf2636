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

import java.util.EnumMap;
import java.util.Map;

import io.github.camelhightouch.HightouchHttpMethod;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.component.http.HttpConstants;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.UnsafeUriCharactersEncoder;

/**
 * Sends {@link HttpCall}s through a camel-http producer. Each call runs on a private exchange that carries only the
 * headers set here, so the route's message headers never reach Hightouch. The API key is added by the HttpClient
 * itself ({@link BearerAuthorization}), so it is on no Camel exchange at all.
 */
public final class HightouchHttpClient extends ServiceSupport {

    private static final String APPLICATION_JSON = "application/json";
    private static final byte[] EMPTY = new byte[0];
    /**
     * The method header as camel-http's own enum: camel-http reads it as one, and a String would cost a scan of the
     * type-converter registry on every request.
     */
    private static final Map<HightouchHttpMethod, HttpMethods> METHODS = new EnumMap<>(HightouchHttpMethod.class);

    static {
        for (HightouchHttpMethod method : HightouchHttpMethod.values()) {
            METHODS.put(method, HttpMethods.valueOf(method.name()));
        }
    }

    private final HttpEndpoint endpoint;
    /** The URL camel-http sends to when no URI header overrides it. */
    private final String endpointUrl;
    private Producer producer;

    HightouchHttpClient(HttpEndpoint endpoint) {
        this.endpoint = endpoint;
        this.endpointUrl = endpoint.getHttpUri().getRawQuery() == null
                ? UnsafeUriCharactersEncoder.encodeHttpURI(endpoint.getHttpUri().toASCIIString()) : null;
    }

    /**
     * Sends one request and returns Hightouch's answer, whatever its status. Blocks the calling thread for the
     * duration of the HTTP exchange.
     *
     * @throws Exception the transport failure (connection refused, timeout, reset, malformed response)
     */
    public HttpResult execute(HttpCall call) throws Exception {
        Exchange exchange = endpoint.createExchange();
        Message in = exchange.getIn();
        if (!call.url().equals(endpointUrl)) {
            // camel-http parses this header on every request; the endpoint's own URL it has parsed once
            in.setHeader(HttpConstants.HTTP_URI, call.url());
        }
        in.setHeader(HttpConstants.HTTP_METHOD, METHODS.get(call.method()));
        for (Map.Entry<String, String> header : call.extraHeaders().entrySet()) {
            in.setHeader(header.getKey(), header.getValue());
        }
        in.setHeader("Accept", APPLICATION_JSON);
        if (call.body() != null) {
            in.setHeader(HttpConstants.CONTENT_TYPE, APPLICATION_JSON);
            in.setBody(call.body());
        }
        producer.process(exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        Message out = exchange.getMessage();
        Integer status = out.getHeader(HttpConstants.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = out.getBody(byte[].class);
        return new HttpResult(status == null ? 0 : status, body == null ? EMPTY : body,
                out.getHeader("Retry-After", String.class));
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(endpoint);
        producer = endpoint.createProducer();
        ServiceHelper.startService(producer);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownServices(producer, endpoint);
        producer = null;
    }

    @Override
    public String toString() {
        return "HightouchHttpClient[" + endpoint.getHttpUri() + "]";
    }
}
