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

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;

import io.github.camelhightouch.HightouchComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One memory run in a JVM of its own: a JSON-lines file split in streaming mode through hightouch:createSource to the
 * stub; prints one RESULT line.
 *
 * Arguments: the file, the stub's base URL, the number of records, the number of splitter threads.
 */
public final class MemoryRun {

    private MemoryRun() {
    }

    private static String gcNames() {
        return String.join("+", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(gc -> gc.getName().replace(' ', '_')).toList());
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String baseUrl = args[1];
        long records = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);

        LongAdder created = new LongAdder();
        try (CamelContext camel = new DefaultCamelContext()) {
            HightouchComponent hightouch = new HightouchComponent();
            hightouch.getConfiguration().setApiKey(Settings.API_KEY);
            hightouch.getConfiguration().setBaseUrl(baseUrl);
            hightouch.getConfiguration().setRateLimit(0);
            hightouch.getConfiguration().setMaxRetries(0);
            camel.addComponent("hightouch", hightouch);
            // a bounded queue: when the senders fall behind, the splitting thread sends one itself (back-pressure)
            ExecutorService senders = camel.getExecutorServiceManager().newThreadPool(MemoryRun.class, "split",
                    new ThreadPoolProfileBuilder("split").poolSize(threads).maxPoolSize(threads)
                            .maxQueueSize(threads * 4).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:import").routeId("import")
                            .split(body().tokenize("\n")).streaming().parallelProcessing().executorService(senders)
                                .to("hightouch:createSource")
                                .process(exchange -> created.increment())
                            .end();
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            long baseline = HeapWatcher.liveHeap();
            HeapWatcher watcher = new HeapWatcher();
            watcher.start(records, created::sum);
            long start = System.nanoTime();
            String failure = "none";
            try {
                template.sendBody("direct:import", file.toFile());
            } catch (RuntimeException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            watcher.stop();
            System.out.println(Report.f("RESULT records=%d created=%d seconds=%.2f baseline=%d peakLive=%d peakUsed=%d "
                                        + "peakAfterGc=%d collections=%d vmHWM=%d vmRSS=%d gc=%s failure=%s",
                    records, created.sum(), seconds, baseline, watcher.peakLive(), watcher.peakUsed(),
                    watcher.peakAfterGc(), watcher.collections(), HeapWatcher.procStatusKb("VmHWM"),
                    HeapWatcher.procStatusKb("VmRSS"), gcNames(), failure.replace(' ', '_')));
        }
    }
}
