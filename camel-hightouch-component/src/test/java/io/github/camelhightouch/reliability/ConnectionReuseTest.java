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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import io.github.camelhightouch.testing.LogLevels;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component's connections are pooled and kept alive, shared by all its endpoints, with HttpClient's wire log at
 * DEBUG as without: a TCP proxy in front of the stand-in counts the connections it accepts.
 */
class ConnectionReuseTest {

    private static final String WIRE_LOG = "org.apache.hc.client5.http.wire";
    private static final String API = "/api/v1";

    @RegisterExtension
    @Order(1)
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @RegisterExtension
    @Order(2)
    static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();

    @Test
    void sequentialCallsOfThreeEndpointsShareOneConnectionWithTheWireLogAtDebug() throws Exception {
        HIGHTOUCH.server().stubFor(post(API + "/sources").willReturn(okJson("{\"id\":7}")));
        HIGHTOUCH.server().stubFor(post(API + "/syncs/1/trigger").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Unauthorized\"}")));
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo(API + "/sources"))
                .willReturn(okJson("{\"data\":[{\"id\":7}],\"hasMore\":false}")));

        try (LogLevels wire = LogLevels.loggerAt(WIRE_LOG, Level.DEBUG);
             CountingProxy proxy = new CountingProxy(HIGHTOUCH.port());
             CamelContext context = HIGHTOUCH.newContext()) {
            context.getComponent("hightouch", HightouchComponent.class).getConfiguration()
                    .setBaseUrl("http://127.0.0.1:" + proxy.port() + API);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();

            Exchange created = HightouchStandIn.send(template, "hightouch:createSource",
                    Map.of("name", "a", "slug", "a", "type", "postgres", "configuration", Map.of()), Map.of());
            Exchange refused = HightouchStandIn.send(template, "hightouch:raw?url=/syncs/1/trigger",
                    Map.of("fullResync", true), Map.of());
            Exchange listed = HightouchStandIn.send(template, "hightouch:listSources", null, Map.of());

            assertThat(created.getException()).isNull();
            assertThat(refused.getException()).isInstanceOf(HightouchApiException.class);
            assertThat(listed.getException()).isNull();
            assertThat(HIGHTOUCH.requests()).hasSize(3);
            assertThat(proxy.accepted()).as("TCP connections opened for three sequential calls").isEqualTo(1);
        }
        assertThat(LOGS.lines()).noneMatch(line -> line.logger().equals(WIRE_LOG));
    }

    /**
     * Forwards each connection accepted on a loopback port to the target port, counting them.
     */
    private static final class CountingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        CountingProxy(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::acceptAll, "counting-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private void acceptAll() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    accepted.incrementAndGet();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(upstream);
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException e) {
                    // closed
                }
            }
        }

        private static void pipe(Socket from, Socket to) {
            Thread thread = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "counting-proxy-pipe");
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            sockets.forEach(CountingProxy::closeQuietly);
        }
    }
}
