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

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * Adds {@code Authorization: Bearer <key>} to every request of one HttpClient. The key lives only here: not on any
 * Camel exchange, and the header prints itself masked, so HttpClient's header log never shows it.
 */
final class BearerAuthorization implements HttpClientConfigurer {

    private final MaskedHeader header;

    BearerAuthorization(String apiKey) {
        this.header = new MaskedHeader("Authorization", "Bearer " + apiKey);
    }

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        HttpRequestInterceptor interceptor = (request, entity, context) -> request.setHeader(header);
        clientBuilder.addRequestInterceptorLast(interceptor);
    }

    @Override
    public String toString() {
        return "BearerAuthorization[xxxxxx]";
    }

    /**
     * A header whose value goes on the wire but whose text form, used by loggers, is masked.
     */
    static final class MaskedHeader extends BasicHeader {
        private static final long serialVersionUID = 1L;

        MaskedHeader(String name, String value) {
            super(name, value, true);
        }

        @Override
        public String toString() {
            return getName() + ": xxxxxx";
        }
    }
}
