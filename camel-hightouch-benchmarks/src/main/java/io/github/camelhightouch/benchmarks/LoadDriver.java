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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one driver all contestants run under: N sender threads, each sending a new record as soon as the last one is
 * answered, for a fixed time. Only calls that both start and finish inside the window count.
 */
final class LoadDriver {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private LoadDriver() {
    }

    static Run run(Contestant contestant, int senders, long durationMillis) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(senders);
        CountDownLatch go = new CountDownLatch(1);
        long[][] latencies = new long[senders][];
        int[] counts = new int[senders];
        AtomicLong errors = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                long[] mine = new long[4096];
                int count = 0;
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = window[1];
                long start = System.nanoTime();
                while (start < end) {
                    Map<String, Object> record = Records.source(SEQUENCE.incrementAndGet());
                    boolean ok;
                    try {
                        Map<?, ?> created = contestant.send(record);
                        ok = created != null && created.get("id") != null;
                        if (!ok) {
                            firstError.compareAndSet(null, new IllegalStateException("no id in " + created));
                        }
                    } catch (Exception e) {
                        ok = false;
                        firstError.compareAndSet(null, e);
                    }
                    long finish = System.nanoTime();
                    if (finish <= end) {
                        if (ok) {
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, count * 2);
                            }
                            mine[count++] = finish - start;
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                    start = finish;
                }
                latencies[index] = mine;
                counts[index] = count;
            }, "sender-" + t);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + durationMillis * 1_000_000L;
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < senders; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Run(contestant.name(), senders, total, errors.get(), firstError.get(), durationMillis, all);
    }

    /**
     * One timed run of one contestant.
     */
    record Run(String contestant, int senders, int completed, long errors, Throwable firstError, long durationMillis,
               long[] sortedLatencies) {

        double throughput() {
            return completed * 1000.0 / durationMillis;
        }

        /** The latency at the given percentile in milliseconds. */
        double percentileMillis(double percentile) {
            return Stats.percentile(sortedLatencies, percentile) / 1_000_000.0;
        }
    }
}
