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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Hightouch stand-in on 127.0.0.1 that answers as fast as it can: the JDK HttpServer on a fixed-size thread pool,
 * a fixed source for every POST /sources, and sync runs that finish after a given number of polls.
 */
public final class StubServer implements AutoCloseable {

    /** The thread name prefix of the stub's request threads; the JDK names its selector thread HTTP-Dispatcher. */
    static final String THREAD_PREFIX = "stub-http-";
    static final String DISPATCHER_THREAD = "HTTP-Dispatcher";

    private static final byte[] SOURCE = ("{\"id\":426,\"name\":\"postgres-connection2\",\"slug\":\"postgres-connection2\","
                                          + "\"workspaceId\":1,\"createdAt\":\"2022-12-12T22:46:57.618Z\","
                                          + "\"updatedAt\":\"2022-12-12T22:46:57.618Z\",\"type\":\"postgres\","
                                          + "\"configuration\":{\"host\":\"example.example.us-east-1.rds.amazonaws.com\","
                                          + "\"port\":\"5432\",\"user\":\"dbUserName\",\"database\":\"dbName\"}}")
            .getBytes(StandardCharsets.UTF_8);

    static {
        // without it the JDK server's small writes meet the client's delayed ACKs (Nagle): 40 ms stalls
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final String authorization;
    private final int pollsToFinish;
    private final LongAdder requests = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong runIds = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicInteger> polls = new ConcurrentHashMap<>();

    private StubServer(int threads, String apiKey, int pollsToFinish) throws IOException {
        this.authorization = "Bearer " + apiKey;
        this.pollsToFinish = pollsToFinish;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, THREAD_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        pool = Executors.newFixedThreadPool(threads, factory);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/api/v1/sources", this::createSource);
        server.createContext("/api/v1/syncs/", this::syncs);
        server.setExecutor(pool);
        server.start();
    }

    /**
     * @param threads       the size of the request thread pool
     * @param pollsToFinish a sync run is reported finished at this poll (the first poll sees an empty run list)
     */
    public static StubServer start(int threads, String apiKey, int pollsToFinish) throws IOException {
        return new StubServer(threads, apiKey, pollsToFinish);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/api/v1";
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.sum();
    }

    /** Requests refused for a missing or wrong Authorization header. */
    public long refused() {
        return refused.sum();
    }

    /** Whether a thread belongs to this server (or to another stub's: they share names). */
    static boolean isStubThread(String threadName) {
        return threadName.startsWith(THREAD_PREFIX) || threadName.equals(DISPATCHER_THREAD);
    }

    /** Thread ids of this process that belong to stub servers. */
    static Set<Long> stubThreadIds() {
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        Thread.getAllStackTraces().keySet().forEach(thread -> {
            if (isStubThread(thread.getName())) {
                ids.add(thread.getId());
            }
        });
        return ids;
    }

    private void createSource(HttpExchange exchange) throws IOException {
        try {
            drain(exchange.getRequestBody());
            if (refuse(exchange)) {
                return;
            }
            respond(exchange, 200, SOURCE);
        } finally {
            exchange.close();
        }
    }

    /** POST /syncs/{id}/trigger and GET /syncs/{id}/runs?runId=... */
    private void syncs(HttpExchange exchange) throws IOException {
        try {
            drain(exchange.getRequestBody());
            if (refuse(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/trigger") && "POST".equals(exchange.getRequestMethod())) {
                String runId = Long.toString(runIds.incrementAndGet());
                polls.put(runId, new AtomicInteger());
                respond(exchange, 200, ("{\"id\":\"" + runId + "\"}").getBytes(StandardCharsets.UTF_8));
            } else if (path.endsWith("/runs") && "GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 200, run(runIdOf(exchange.getRequestURI().getRawQuery())));
            } else {
                respond(exchange, 404, "{\"message\":\"Not found\"}".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            exchange.close();
        }
    }

    private byte[] run(String runId) {
        AtomicInteger seen = runId == null ? null : polls.get(runId);
        int poll = seen == null ? 0 : seen.incrementAndGet();
        if (poll <= 1) {
            // right after a trigger the run list can be empty
            return "{\"data\":[],\"hasMore\":false}".getBytes(StandardCharsets.UTF_8);
        }
        String status = poll >= pollsToFinish ? "success" : "processing";
        String finishedAt = poll >= pollsToFinish ? "\"2024-01-01T00:01:00.000Z\"" : "null";
        return ("{\"data\":[{\"id\":\"" + runId + "\",\"createdAt\":\"2024-01-01T00:00:00.000Z\","
                + "\"startedAt\":\"2024-01-01T00:00:01.000Z\",\"finishedAt\":" + finishedAt + ",\"querySize\":10,"
                + "\"status\":\"" + status + "\",\"completionRatio\":" + (poll >= pollsToFinish ? "1" : "0.5") + ","
                + "\"plannedRows\":{\"addedCount\":10,\"changedCount\":0,\"removedCount\":0},"
                + "\"successfulRows\":{\"addedCount\":10,\"changedCount\":0,\"removedCount\":0},"
                + "\"failedRows\":{\"addedCount\":0,\"changedCount\":0,\"removedCount\":0}}],\"hasMore\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String runIdOf(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("runId=")) {
                return pair.substring("runId=".length());
            }
        }
        return null;
    }

    private boolean refuse(HttpExchange exchange) throws IOException {
        requests.increment();
        if (authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return false;
        }
        refused.increment();
        respond(exchange, 401, "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
        return true;
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
        in.close();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
