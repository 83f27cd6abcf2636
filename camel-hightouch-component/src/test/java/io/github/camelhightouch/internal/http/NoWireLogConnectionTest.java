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

import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.camelhightouch.testing.HightouchStandIn;
import io.github.camelhightouch.testing.LogCapture;
import io.github.camelhightouch.testing.LogLevels;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The component's connections behave as HttpClient's own (TLS, pooling, socket timeouts, close) without writing to
 * the wire log, and their header log masks credentials by header name.
 */
class NoWireLogConnectionTest {

    private static final String PASSWORD = "changeit";

    @RegisterExtension
    static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);

    @TempDir
    static Path dir;

    /** A PKCS12 key store with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private static Path keyStore() throws Exception {
        Path store = dir.resolve("loopback.p12");
        if (!Files.exists(store)) {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "loopback",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
        }
        return store;
    }

    @Test
    @SuppressWarnings("deprecation") // camel-http hands the pool a registry of ConnectionSocketFactory
    void tlsConnectionsArePooledReusedAndNotWireLogged() throws Exception {
        Path store = keyStore();
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort().keystorePath(store.toString()).keystoreType("PKCS12").keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD));
        server.start();
        SSLContext trusting = SSLContexts.custom().loadTrustMaterial(store.toFile(), PASSWORD.toCharArray()).build();
        Registry<ConnectionSocketFactory> registry = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("https", new SSLConnectionSocketFactory(trusting)).build();
        PoolingHttpClientConnectionManager pool = (PoolingHttpClientConnectionManager) NoWireLogConnectionFactory
                .newPool(new HttpComponent(), registry, 4, 4, SocketConfig.DEFAULT);
        List<Object> sessions = new ArrayList<>();
        try (LogLevels debug = LogLevels.everyLoggerAt(Level.DEBUG);
             CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool).build()) {
            server.stubFor(get("/ping").willReturn(okJson("{}")));
            for (int i = 0; i < 2; i++) {
                HttpGet request = new HttpGet("https://127.0.0.1:" + server.httpsPort() + "/ping");
                // a plain header: masked in the header log by its name
                request.setHeader(new BasicHeader("Authorization", "Bearer " + HightouchStandIn.API_KEY));
                HttpClientContext context = HttpClientContext.create();
                int status = client.execute(request, context, response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode();
                });
                assertThat(status).isEqualTo(200);
                sessions.add(context.getSSLSession());
            }
            PoolStats stats = pool.getTotalStats();
            assertThat(stats.getAvailable()).as("one connection, kept alive").isEqualTo(1);
            assertThat(stats.getLeased()).isZero();
            assertThat(pool.getMaxTotal()).isEqualTo(4);
            assertThat(pool.getDefaultMaxPerRoute()).isEqualTo(4);
        } finally {
            server.stop();
        }
        assertThat(sessions).doesNotContainNull();
        assertThat(sessions.get(0)).isSameAs(sessions.get(1));
        assertThat(LOGS.lines()).noneMatch(line -> line.logger().equals(NoWireLogConnection.WIRE_LOG));
        assertThat(LOGS.lines()).filteredOn(line -> line.logger().equals(NoWireLogConnection.HEADER_LOG))
                .extracting(LogCapture.Line::message)
                .anyMatch(message -> message.matches("hightouch-outgoing-\\d+ >> Authorization: xxxxxx"))
                .anyMatch(message -> message.matches("hightouch-outgoing-\\d+ >> GET /ping HTTP/1.1"))
                .anyMatch(message -> message.matches("hightouch-outgoing-\\d+ << HTTP/1.1 200 OK"));
    }

    @Test
    void socketTimeoutIsKeptAcrossPassivateAndActivate() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            socket.setSoTimeout(1234);
            ManagedHttpClientConnection connection = new NoWireLogConnectionFactory().createConnection(socket);
            assertThat(connection.getSocket()).isSameAs(socket);
            assertThat(connection.getSSLSession()).isNull();
            assertThat(connection.isOpen()).isTrue();

            connection.passivate();
            assertThat(socket.getSoTimeout()).isZero();
            connection.activate();
            assertThat(socket.getSoTimeout()).isEqualTo(1234);

            connection.setSocketTimeout(Timeout.ofSeconds(5));
            connection.passivate();
            assertThat(socket.getSoTimeout()).isZero();
            connection.activate();
            assertThat(socket.getSoTimeout()).isEqualTo(5000);

            connection.close();
            assertThat(connection.isOpen()).isFalse();
            assertThat(socket.isClosed()).isTrue();
        }
    }

    @Test
    void aClosedConnectionClosesAndRefusesEverySocketItIsGiven() throws Exception {
        ManagedHttpClientConnection connection = new NoWireLogConnectionFactory().createConnection(null);
        connection.close();
        Socket plain = new Socket();
        assertThatThrownBy(() -> connection.bind(plain)).isInstanceOf(InterruptedIOException.class);
        assertThat(plain.isClosed()).isTrue();
        SSLSocket tls = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket();
        Socket under = new Socket();
        assertThatThrownBy(() -> connection.bind(tls, under)).isInstanceOf(InterruptedIOException.class);
        assertThat(tls.isClosed()).isTrue();
        assertThat(connection.isOpen()).isFalse();
        under.close();
    }

    @Test
    void theHeaderLogMasksCredentialsByName() {
        assertThat(NoWireLogConnection.printable(new BasicHeader("Authorization", "Bearer k"))).isEqualTo("Authorization: xxxxxx");
        assertThat(NoWireLogConnection.printable(new BasicHeader("proxy-authorization", "Basic k")))
                .isEqualTo("proxy-authorization: xxxxxx");
        assertThat(NoWireLogConnection.printable(new BasicHeader("Content-Type", "application/json")))
                .isEqualTo("Content-Type: application/json");
    }
}
