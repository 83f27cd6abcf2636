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
import java.io.InterruptedIOException;
import java.net.Socket;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpMessageParserFactory;
import org.apache.hc.core5.http.io.HttpMessageWriterFactory;
import org.apache.hc.core5.http.io.ResponseOutOfOrderStrategy;
import org.apache.hc.core5.http.message.RequestLine;
import org.apache.hc.core5.http.message.StatusLine;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Identifiable;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 client connection that behaves as HttpClient 5.5's own managed connection
 * ({@code DefaultManagedHttpClientConnection}: socket timeout kept across passivate/activate, TLS session, close
 * semantics, header log), except that it never writes to HttpClient's wire log {@value #WIRE_LOG}, whatever that
 * logger's level: the wire log prints every byte sent, the API key in the Authorization header included.
 * <p>
 * Its header log ({@value #HEADER_LOG}, as HttpClient's) prints the credentials headers masked by name, whatever
 * {@link Header} class carries them. A closed connection refuses every socket it is given, on each bind method.
 */
final class NoWireLogConnection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection, Identifiable {

    /** HttpClient's wire log, which this connection never writes to. */
    static final String WIRE_LOG = "org.apache.hc.client5.http.wire";

    /** HttpClient's header log. */
    static final String HEADER_LOG = "org.apache.hc.client5.http.headers";

    /** What the header log prints instead of a credentials header's value. */
    static final String MASK = "xxxxxx";

    private static final Logger LOG = LoggerFactory.getLogger(NoWireLogConnection.class);
    private static final Logger HEADERS = LoggerFactory.getLogger(HEADER_LOG);

    /** The headers whose values the header log never prints (lower case). */
    private static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization");

    private final String id;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Timeout socketTimeout;

    NoWireLogConnection(String id, CharsetDecoder charDecoder, CharsetEncoder charEncoder, Http1Config http1Config,
                        ContentLengthStrategy incomingContentStrategy, ContentLengthStrategy outgoingContentStrategy,
                        ResponseOutOfOrderStrategy responseOutOfOrderStrategy,
                        HttpMessageWriterFactory<ClassicHttpRequest> requestWriterFactory,
                        HttpMessageParserFactory<ClassicHttpResponse> responseParserFactory) {
        super(http1Config, charDecoder, charEncoder, incomingContentStrategy, outgoingContentStrategy,
              responseOutOfOrderStrategy, requestWriterFactory, responseParserFactory);
        this.id = id;
    }

    @Override
    public String getId() {
        return id;
    }

    /** Binds the socket, plainly: no wire-logging socket holder. */
    @Override
    public void bind(Socket socket) throws IOException {
        bind(new SocketHolder(socket));
    }

    /** Binds the TLS socket over its plain socket, plainly: no wire-logging socket holder. */
    @Override
    public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
        bind(new SocketHolder(sslSocket, socket));
    }

    @Override
    protected void bind(SocketHolder socketHolder) throws IOException {
        if (closed.get()) {
            socketHolder.getSocket().close();
            throw new InterruptedIOException("Connection already shutdown");
        }
        super.bind(socketHolder);
        socketTimeout = Timeout.ofMilliseconds(socketHolder.getSocket().getSoTimeout());
    }

    @Override
    public Socket getSocket() {
        SocketHolder socketHolder = getSocketHolder();
        return socketHolder != null ? socketHolder.getSocket() : null;
    }

    @Override
    public SSLSession getSSLSession() {
        Socket socket = getSocket();
        return socket instanceof SSLSocket ssl ? ssl.getSession() : null;
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            LOG.debug("{} Close connection", id);
            super.close();
        }
    }

    @Override
    public void close(CloseMode closeMode) {
        if (closed.compareAndSet(false, true)) {
            LOG.debug("{} close connection {}", id, closeMode);
            super.close(closeMode);
        }
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        LOG.debug("{} set socket timeout to {}", id, timeout);
        super.setSocketTimeout(timeout);
        socketTimeout = timeout;
    }

    /** While pooled, the socket waits without timeout; {@link #activate()} restores the last timeout set. */
    @Override
    public void passivate() {
        super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
    }

    @Override
    public void activate() {
        super.setSocketTimeout(socketTimeout);
    }

    @Override
    protected void onRequestSubmitted(ClassicHttpRequest request) {
        if (request != null && HEADERS.isDebugEnabled()) {
            HEADERS.debug("{} >> {}", id, new RequestLine(request));
            for (Header header : request.getHeaders()) {
                HEADERS.debug("{} >> {}", id, printable(header));
            }
        }
    }

    @Override
    protected void onResponseReceived(ClassicHttpResponse response) {
        if (response != null && HEADERS.isDebugEnabled()) {
            HEADERS.debug("{} << {}", id, new StatusLine(response));
            for (Header header : response.getHeaders()) {
                HEADERS.debug("{} << {}", id, printable(header));
            }
        }
    }

    /** The header as the header log prints it: a credentials header with its value masked. */
    static String printable(Header header) {
        String name = header.getName();
        return name != null && CREDENTIALS.contains(name.toLowerCase(Locale.ROOT))
                ? name + ": " + MASK : String.valueOf(header);
    }
}
