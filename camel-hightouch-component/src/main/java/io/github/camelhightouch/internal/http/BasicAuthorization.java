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

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpRequestInterceptor;

/**
 * Adds HTTP Basic authorization with the Events API write key as user and an empty password to every request of one
 * client, whose text form (used by loggers) is masked. The client of the events origin has it; no other client does.
 */
final class BasicAuthorization implements HttpClientConfigurer {

    private final BearerAuthorization.MaskedHeader header;

    BasicAuthorization(String writeKey) {
        this.header = new BearerAuthorization.MaskedHeader("Authorization", "Basic " + credentials(writeKey));
    }

    /** The Basic credentials of a write key (no password), as they travel in the header. */
    static String credentials(String writeKey) {
        return Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        HttpRequestInterceptor interceptor = (request, entity, context) -> request.setHeader(header);
        clientBuilder.addRequestInterceptorLast(interceptor);
    }

    @Override
    public String toString() {
        return "BasicAuthorization[xxxxxx]";
    }
}
