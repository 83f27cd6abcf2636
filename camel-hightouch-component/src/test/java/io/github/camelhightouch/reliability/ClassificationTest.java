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
package io.github.camelhightouch.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchRunIdUnknownException;
import io.github.camelhightouch.HightouchTransportException;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.HightouchTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 12 of the attack, classification: only a failure proven to happen before any request byte was written
 * counts as "nothing sent" (and is retried even for a create); a trigger answered 2xx without a readable run id says
 * "run started, id unknown" with its own exception, and is not sent twice.
 */
class ClassificationTest extends HightouchTestSupport {

    @ParameterizedTest
    @ValueSource(strings = { "", "OK", "<html>accepted</html>", "{\"status\":\"queued\"}" })
    void aTriggerAnsweredWithoutARunIdSaysTheRunStarted(String body) {
        wireMock().stubFor(post(urlPathEqualTo("/api/v1/syncs/42/trigger"))
                .willReturn(aResponse().withStatus(200).withBody(body)));

        Exchange exchange = send("hightouch:triggerSync?syncId=42", null);

        assertThat(exchange.getException()).isInstanceOf(HightouchRunIdUnknownException.class);
        assertThat(exchange.getException().getMessage()).contains("the run was started but its id is unknown")
                .contains("do not redeliver");
        assertThat(HIGHTOUCH.requests()).hasSize(1);
    }

    @Test
    void waitingForAPooledConnectionIsBeforeSendingSoACreateIsRetriedAndNeverDuplicated() throws Exception {
        wireMock().stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(okJson("{\"data\":[]}").withFixedDelay(3_000)));
        CamelContext context = HIGHTOUCH.newContext();
        HightouchComponent component = context.getComponent("hightouch", HightouchComponent.class);
        component.setMaxConnections(1);
        component.getConfiguration().setConnectTimeout(200);
        component.getConfiguration().setRetryBaseDelay(1);
        component.getConfiguration().setMaxRetryDelay(10);
        context.start();
        CompletableFuture<Exchange> holding = context.createProducerTemplate()
                .asyncSend("hightouch:raw?url=/sources&httpMethod=GET", e -> {
                });
        Thread.sleep(300);

        Exchange create = context.createProducerTemplate().send("hightouch:createSource?maxRetries=2",
                e -> e.getMessage().setBody(source("pool")));

        assertThat(create.getException()).isInstanceOf(HightouchTransportException.class);
        HightouchTransportException e = (HightouchTransportException) create.getException();
        assertThat(e.isOutcomeUnknown()).as("no connection was leased: nothing was written").isFalse();
        assertThat(e.getAttempts()).isEqualTo(3);
        assertThat(HIGHTOUCH.requests()).noneMatch(r -> r.getMethod().getName().equals("POST"));
        assertThat(holding.get(10, TimeUnit.SECONDS).getException()).isNull();
    }

    @Test
    void aFailedTlsHandshakeIsBeforeSending() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket notTls = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!notTls.isClosed()) {
                    try (Socket socket = notTls.accept()) {
                        connections.incrementAndGet();
                        OutputStream out = socket.getOutputStream();
                        out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            CamelContext context = HIGHTOUCH.newContext();
            HightouchComponent component = context.getComponent("hightouch", HightouchComponent.class);
            component.getConfiguration().setBaseUrl("https://127.0.0.1:" + notTls.getLocalPort() + "/api/v1");
            component.getConfiguration().setRetryBaseDelay(1);
            component.getConfiguration().setMaxRetryDelay(10);
            context.start();

            Exchange create = context.createProducerTemplate().send("hightouch:createSource?maxRetries=2",
                    e -> e.getMessage().setBody(source("tls")));

            HightouchTransportException e = (HightouchTransportException) create.getException();
            assertThat(e.isOutcomeUnknown()).as("the handshake failed: no request byte was written").isFalse();
            assertThat(e.getAttempts()).isEqualTo(3);
            assertThat(connections.get()).isEqualTo(3);
            context.stop();
        }
        assertThat(HightouchStandIn.API_KEY).isNotBlank();
    }
}
