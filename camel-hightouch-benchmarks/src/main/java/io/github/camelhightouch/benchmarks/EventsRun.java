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
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * One events run in a JVM of its own: a JSON-lines file of events split in streaming mode through hightouch:track to
 * the stub's Events API; prints one RESULT line.
 *
 * Arguments: the file, the stub's events URL, the number of events, the splitter threads, batchSize, lingerMs.
 */
public final class EventsRun {

    /** The route's producer options besides the batch size and linger time: see the README's "Events" section. */
    static final String PRODUCER_OPTIONS = "";

    private EventsRun() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String eventsUrl = args[1];
        long events = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        int batchSize = Integer.parseInt(args[4]);
        long lingerMs = Long.parseLong(args[5]);

        LongAdder accepted = new LongAdder();
        LongAdder failed = new LongAdder();
        try (CamelContext camel = new DefaultCamelContext()) {
            HightouchComponent hightouch = new HightouchComponent();
            hightouch.getConfiguration().setWriteKey(Settings.WRITE_KEY);
            hightouch.getConfiguration().setEventsUrl(eventsUrl);
            hightouch.getConfiguration().setMaxRetries(0);
            camel.addComponent("hightouch", hightouch);
            ExecutorService senders = camel.getExecutorServiceManager().newThreadPool(EventsRun.class, "split",
                    new ThreadPoolProfileBuilder("split").poolSize(threads).maxPoolSize(threads)
                            .maxQueueSize(threads * 4).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build());
            String uri = "hightouch:track?batchSize=" + batchSize + "&lingerMs=" + lingerMs + PRODUCER_OPTIONS;
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:events").routeId("events")
                            .split(body().tokenize("\n")).streaming().parallelProcessing().executorService(senders)
                                .doTry()
                                    .to(uri)
                                    .process(exchange -> accepted.increment())
                                .doCatch(Exception.class)
                                    .process(exchange -> failed.increment())
                                .end()
                            .end();
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            long baseline = HeapWatcher.liveHeap();
            HeapWatcher watcher = new HeapWatcher();
            watcher.start(events, () -> accepted.sum() + failed.sum());
            long start = System.nanoTime();
            String failure = "none";
            try {
                template.sendBody("direct:events", file.toFile());
            } catch (RuntimeException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            watcher.stop();
            System.out.println(Report.f("RESULT events=%d accepted=%d failed=%d seconds=%.2f baseline=%d peakLive=%d "
                                        + "peakUsed=%d peakAfterGc=%d collections=%d vmHWM=%d failure=%s",
                    events, accepted.sum(), failed.sum(), seconds, baseline, watcher.peakLive(), watcher.peakUsed(),
                    watcher.peakAfterGc(), watcher.collections(), HeapWatcher.procStatusKb("VmHWM"),
                    failure.replace(' ', '_')));
        }
    }
}
