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

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A Hightouch stand-in on 127.0.0.1 that answers as fast as it can: Netty on a fixed number of event-loop threads, a
 * fixed source for every POST /sources, and sync runs that finish after a given number of polls.
 */
public final class StubServer implements AutoCloseable {

    /** The name prefix of the stub's threads. */
    static final String THREAD_PREFIX = "stub-http-";

    private static final byte[] SOURCE = ("{\"id\":426,\"name\":\"postgres-connection2\",\"slug\":\"postgres-connection2\","
                                          + "\"workspaceId\":1,\"createdAt\":\"2022-12-12T22:46:57.618Z\","
                                          + "\"updatedAt\":\"2022-12-12T22:46:57.618Z\",\"type\":\"postgres\","
                                          + "\"configuration\":{\"host\":\"example.example.us-east-1.rds.amazonaws.com\","
                                          + "\"port\":\"5432\",\"user\":\"dbUserName\",\"database\":\"dbName\"}}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY_RUNS = "{\"data\":[],\"hasMore\":false}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UNAUTHORIZED = "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_FOUND = "{\"message\":\"Not found\"}".getBytes(StandardCharsets.UTF_8);

    private final EventLoopGroup group;
    private final Channel channel;
    private final String authorization;
    private final String eventsAuthorization;
    private final LongAdder eventBatches = new LongAdder();
    private final int pollsToFinish;
    private final LongAdder requests = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicLong runIds = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    /** With timed runs: a run is processing until this many ms after its trigger, then success; 0 counts polls. */
    private volatile long runMillis;
    private final ConcurrentHashMap<String, Long> triggeredAt = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, java.util.List<String>> runsOfSync = new ConcurrentHashMap<>();
    private final LongAdder triggers = new LongAdder();
    private final LongAdder lists = new LongAdder();
    private final LongAdder runPolls = new LongAdder();
    private final LongAdder creates = new LongAdder();

    private StubServer(int threads, String apiKey, int pollsToFinish) throws InterruptedException {
        this.authorization = "Bearer " + apiKey;
        this.eventsAuthorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((Settings.WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
        this.pollsToFinish = pollsToFinish;
        group = new NioEventLoopGroup(threads, new DefaultThreadFactory(THREAD_PREFIX, true));
        Handler handler = new Handler();
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024 * 1024), handler);
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0)
                .sync()
                .channel();
    }

    /**
     * @param threads       the number of event-loop threads (accepting and answering)
     * @param pollsToFinish a sync run is reported finished at this poll (the first poll sees an empty run list)
     */
    public static StubServer start(int threads, String apiKey, int pollsToFinish) throws InterruptedException {
        return new StubServer(threads, apiKey, pollsToFinish);
    }

    public int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/api/v1";
    }

    /** The Events API URL of the stub (POST /v1/batch). */
    public String eventsUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Event batches accepted so far. */
    public long eventBatches() {
        return eventBatches.sum();
    }

    /**
     * From now on a run is processing until {@code millis} after its trigger, then success, whoever polls it: runs
     * polled by a list ({@code GET /syncs/{id}/runs} without runId, paged by limit and offset) finish as runs polled
     * one by one.
     */
    public void timedRuns(long millis) {
        this.runMillis = millis;
    }

    /** Triggers, lists of runs, polls of one run and source creates answered so far. */
    public long[] counts() {
        return new long[] { triggers.sum(), lists.sum(), runPolls.sum(), creates.sum() };
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.sum();
    }

    /** Requests refused for a missing or wrong Authorization header. */
    public long refused() {
        return refused.sum();
    }

    /** Whether a thread belongs to a stub server. */
    static boolean isStubThread(String threadName) {
        return threadName.startsWith(THREAD_PREFIX);
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

    private String timedRunJson(String runId) {
        Long at = triggeredAt.get(runId);
        boolean done = System.nanoTime() - at >= TimeUnit.MILLISECONDS.toNanos(runMillis);
        return "{\"id\":" + runId + ",\"createdAt\":\"" + java.time.Instant.now().toString()
               + "\",\"status\":\"" + (done ? "success" : "processing") + "\",\"completionRatio\":" + (done ? "1" : "0.5")
               + "}";
    }

    private byte[] timedRuns(String syncId, java.util.List<String> runId, QueryStringDecoder decoder) {
        StringBuilder page = new StringBuilder("{\"data\":[");
        boolean more = false;
        if (runId != null) {
            runPolls.increment();
            if (triggeredAt.containsKey(runId.get(0))) {
                page.append(timedRunJson(runId.get(0)));
            }
        } else {
            lists.increment();
            java.util.List<String> all = runsOfSync.getOrDefault(syncId, java.util.List.of());
            int limit = decoder.parameters().containsKey("limit") ? (int) Double.parseDouble(decoder.parameters().get("limit").get(0)) : 100;
            int offset = decoder.parameters().containsKey("offset") ? (int) Double.parseDouble(decoder.parameters().get("offset").get(0)) : 0;
            java.util.List<String> copy;
            synchronized (all) {
                copy = new java.util.ArrayList<>(all);
            }
            for (int i = offset; i < Math.min(copy.size(), offset + limit); i++) {
                page.append(i > offset ? "," : "").append(timedRunJson(copy.get(i)));
            }
            more = copy.size() > offset + limit;
        }
        return page.append("],\"hasMore\":").append(more).append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] run(String runId) {
        AtomicInteger seen = runId == null ? null : polls.get(runId);
        int poll = seen == null ? 0 : seen.incrementAndGet();
        if (poll <= 1) {
            // right after a trigger the run list can be empty
            return EMPTY_RUNS;
        }
        boolean done = poll >= pollsToFinish;
        return ("{\"data\":[{\"id\":\"" + runId + "\",\"createdAt\":\"2024-01-01T00:00:00.000Z\","
                + "\"startedAt\":\"2024-01-01T00:00:01.000Z\",\"finishedAt\":"
                + (done ? "\"2024-01-01T00:01:00.000Z\"" : "null") + ",\"querySize\":10,"
                + "\"status\":\"" + (done ? "success" : "processing") + "\",\"completionRatio\":" + (done ? "1" : "0.5")
                + ",\"plannedRows\":{\"addedCount\":10,\"changedCount\":0,\"removedCount\":0},"
                + "\"successfulRows\":{\"addedCount\":10,\"changedCount\":0,\"removedCount\":0},"
                + "\"failedRows\":{\"addedCount\":0,\"changedCount\":0,\"removedCount\":0}}],\"hasMore\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] answer(FullHttpRequest request, HttpResponseStatus[] status) {
        if (request.uri().equals("/v1/batch") && request.method() == HttpMethod.POST) {
            // the Events API: HTTP Basic with the write key as user
            if (!eventsAuthorization.equals(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                refused.increment();
                status[0] = HttpResponseStatus.UNAUTHORIZED;
                return UNAUTHORIZED;
            }
            eventBatches.increment();
            return EMPTY_OBJECT;
        }
        if (!authorization.equals(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            refused.increment();
            status[0] = HttpResponseStatus.UNAUTHORIZED;
            return UNAUTHORIZED;
        }
        String uri = request.uri();
        if (uri.startsWith("/api/v1/sources") && request.method() == HttpMethod.POST) {
            creates.increment();
            return SOURCE;
        }
        if (uri.startsWith("/api/v1/syncs/")) {
            QueryStringDecoder decoder = new QueryStringDecoder(uri);
            if (decoder.path().endsWith("/trigger") && request.method() == HttpMethod.POST) {
                String runId = Long.toString(runIds.incrementAndGet());
                triggers.increment();
                if (runMillis > 0) {
                    String syncId = decoder.path().split("/")[4];
                    triggeredAt.put(runId, System.nanoTime());
                    java.util.List<String> ofSync = runsOfSync.computeIfAbsent(syncId, id -> new java.util.ArrayList<>());
                    synchronized (ofSync) {
                        ofSync.add(runId);
                    }
                    return ("{\"id\":\"" + runId + "\"}").getBytes(StandardCharsets.UTF_8);
                }
                polls.put(runId, new AtomicInteger());
                return ("{\"id\":\"" + runId + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            if (decoder.path().endsWith("/runs") && request.method() == HttpMethod.GET) {
                java.util.List<String> runId = decoder.parameters().get("runId");
                if (runMillis > 0) {
                    return timedRuns(decoder.path().split("/")[4], runId, decoder);
                }
                return run(runId == null ? null : runId.get(0));
            }
        }
        status[0] = HttpResponseStatus.NOT_FOUND;
        return NOT_FOUND;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Answers every request of every connection; keeps connections open as HTTP/1.1 asks.
     */
    @ChannelHandler.Sharable
    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            requests.increment();
            HttpResponseStatus[] status = { HttpResponseStatus.OK };
            byte[] body = answer(request, status);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status[0],
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (HttpUtil.isKeepAlive(request)) {
                context.writeAndFlush(response);
            } else {
                context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            context.close();
        }
    }
}
