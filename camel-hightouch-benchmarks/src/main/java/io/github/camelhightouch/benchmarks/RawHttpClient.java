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
package io.github.camelhightouch.benchmarks;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * The baseline: Apache HttpClient 5's classic client on a pool of the same size, Jackson on both ends, nothing else.
 * Its second mode sends one pre-serialized body and only drains the answer: the stub's own ceiling.
 */
final class RawHttpClient implements AutoCloseable {

    private final CloseableHttpClient client;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String url;
    private final String authorization;

    RawHttpClient(String baseUrl, String apiKey, int maxConnections) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(10, TimeUnit.SECONDS)
                        .setSocketTimeout(30, TimeUnit.SECONDS)
                        .build())
                .build();
        client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
        this.url = baseUrl + "/sources";
        this.authorization = "Bearer " + apiKey;
    }

    /** Serialize with Jackson, POST, parse the answer into a Map. */
    Contestant jsonLoop() {
        return new Contestant() {
            @Override
            public String name() {
                return "raw HttpClient 5 loop";
            }

            @Override
            public Map<?, ?> send(Map<String, Object> record) throws IOException {
                HttpPost post = post(mapper.writeValueAsBytes(record));
                return client.execute(post, response -> {
                    checkStatus(response);
                    return mapper.readValue(response.getEntity().getContent(), Map.class);
                });
            }
        };
    }

    /** The same POST with a body serialized once, and the answer drained unparsed: what the stub can take. */
    Contestant ceiling() {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(Records.source(0));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> answer = Map.of("id", 426);
        return new Contestant() {
            @Override
            public String name() {
                return "stub ceiling (raw client, no JSON work)";
            }

            @Override
            public Map<?, ?> send(Map<String, Object> record) throws IOException {
                return client.execute(post(body), response -> {
                    checkStatus(response);
                    EntityUtils.consume(response.getEntity());
                    return answer;
                });
            }
        };
    }

    private HttpPost post(byte[] json) {
        HttpPost post = new HttpPost(url);
        post.setHeader("Authorization", authorization);
        post.setHeader("Accept", "application/json");
        post.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        return post;
    }

    private static void checkStatus(ClassicHttpResponse response) throws IOException {
        if (response.getCode() / 100 != 2) {
            throw new IOException("HTTP " + response.getCode());
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
