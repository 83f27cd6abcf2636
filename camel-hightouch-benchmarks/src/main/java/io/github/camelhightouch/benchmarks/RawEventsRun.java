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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The events baseline in a JVM of its own: a plain HttpClient 5 loop posting pre-built batch bodies to the stub's
 * {@code POST /v1/batch}, with the same Basic write-key header the component sends. The bodies are built before the
 * clock starts, from the same JSON-lines file, each event completed as the component completes it (type, messageId,
 * timestamp, context.library), {@code batchSize} events a batch; {@code senders} threads post them, each the next
 * batch as soon as its last answer is in. Prints one RESULT line.
 *
 * Arguments: the file, the stub's events URL, the number of events, the sender threads, batchSize.
 */
public final class RawEventsRun {

    private RawEventsRun() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String url = args[1] + "/v1/batch";
        long events = Long.parseLong(args[2]);
        int senders = Integer.parseInt(args[3]);
        int batchSize = Integer.parseInt(args[4]);
        List<byte[]> batches = batches(file, batchSize);
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((Settings.WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));

        LongAdder accepted = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicInteger next = new AtomicInteger();
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(senders).setMaxConnPerRoute(senders)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(10, TimeUnit.SECONDS).setSocketTimeout(30, TimeUnit.SECONDS).build())
                        .build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().build()) {
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            long start = System.nanoTime();
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < senders; t++) {
                loops.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < batches.size()) {
                        int size = (int) Math.min(batchSize, events - (long) i * batchSize);
                        HttpPost post = new HttpPost(url);
                        post.setHeader("Authorization", authorization);
                        post.setHeader("Accept", "application/json");
                        post.setEntity(new ByteArrayEntity(batches.get(i), ContentType.APPLICATION_JSON));
                        try {
                            int status = client.execute(post, response -> {
                                EntityUtils.consume(response.getEntity());
                                return response.getCode();
                            });
                            (status / 100 == 2 ? accepted : failed).add(size);
                        } catch (Exception e) {
                            failed.add(size);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.println(Report.f("RESULT events=%d accepted=%d failed=%d seconds=%.2f baseline=-1 peakLive=-1 "
                                        + "peakUsed=-1 peakAfterGc=-1 collections=-1 vmHWM=%d failure=none",
                    events, accepted.sum(), failed.sum(), seconds, HeapWatcher.procStatusKb("VmHWM")));
        }
    }

    /** The file's events, completed as the component completes them, as batch bodies of batchSize events. */
    private static List<byte[]> batches(Path file, int batchSize) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String now = Instant.now().toString();
        List<byte[]> batches = new ArrayList<>();
        ByteArrayOutputStream body = null;
        int inBatch = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode event = (ObjectNode) mapper.readTree(line);
            event.put("type", "track");
            event.put("messageId", UUID.randomUUID().toString());
            event.put("timestamp", now);
            event.putObject("context").putObject("library").put("name", "camel-hightouch").put("version", "dev");
            if (body == null) {
                body = new ByteArrayOutputStream();
                body.write("{\"batch\":[".getBytes(StandardCharsets.US_ASCII));
            } else {
                body.write(',');
            }
            body.write(mapper.writeValueAsBytes(event));
            if (++inBatch == batchSize) {
                batches.add(close(body, now));
                body = null;
                inBatch = 0;
            }
        }
        if (body != null) {
            batches.add(close(body, now));
        }
        return batches;
    }

    private static byte[] close(ByteArrayOutputStream body, String sentAt) {
        byte[] tail = ("],\"sentAt\":\"" + sentAt + "\"}").getBytes(StandardCharsets.US_ASCII);
        body.write(tail, 0, tail.length);
        return body.toByteArray();
    }
}
