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
package io.github.camelhightouch.sync;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.testing.HightouchExtensions;
import io.github.camelhightouch.testing.OpenApiContract;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.camelhightouch.sync.SyncRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The syncRuns consumer with a FileIdempotentRepository: what one CamelContext emitted, the next one, started on the
 * same file, does not emit again.
 */
@Timeout(60)
class SyncRunsConsumerRestartTest implements HightouchExtensions {

    private static final String RUNS = OpenApiContract.BASE_PATH + "/syncs/42/runs";

    @TempDir
    Path directory;

    @Test
    void aFileRepositoryKeepsWhatWasEmittedAcrossAContextRestart() throws Exception {
        File store = directory.resolve("sync-runs.dat").toFile();
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo(RUNS))
                .willReturn(okJson(page(run("1", "queued"), run("2", "success")))));

        assertThat(runContext(store, 3)).containsExactly("42/1:queued", "42/2:success");

        // the second context: run 1 moved on, run 2 is unchanged
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo(RUNS))
                .willReturn(okJson(page(run("1", "processing"), run("2", "success")))));
        assertThat(runContext(store, 6)).containsExactly("42/1:processing");

        // and a third one, on a store that knows both contexts' runs
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo(RUNS))
                .willReturn(okJson(page(run("1", "success"), run("2", "success"), run("3", "queued")))));
        assertThat(runContext(store, 9)).containsExactly("42/1:success", "42/3:queued");
    }

    /**
     * Starts a context whose consumer stores what it emitted in the file, waits until the stand-in has received so
     * many run polls in all, closes the context and returns what its route received.
     */
    private static List<String> runContext(File store, int pollsInAll) throws Exception {
        CamelContext context = HIGHTOUCH.newContext();
        context.getRegistry().bind("runStore", FileIdempotentRepository.fileIdempotentRepository(store));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("hightouch:syncRuns?syncId=42&delay=30&initialDelay=0&idempotentRepository=#runStore")
                        .routeId("runs").to("mock:runs");
            }
        });
        context.start();
        try {
            long deadline = System.currentTimeMillis() + 20_000;
            while (HIGHTOUCH.server().countRequestsMatching(getRequestedFor(urlPathEqualTo(RUNS)).build())
                    .getCount() < pollsInAll) {
                assertThat(System.currentTimeMillis()).as("polls made in time").isLessThan(deadline);
                Thread.sleep(20);
            }
            context.getRouteController().stopRoute("runs");
            return context.getEndpoint("mock:runs", MockEndpoint.class).getExchanges().stream()
                    .map(SyncRunsConsumerRestartTest::describe).toList();
        } finally {
            context.close();
        }
    }

    private static String page(String... runs) {
        return "{\"data\":[" + String.join(",", runs) + "],\"hasMore\":false}";
    }

    private static String describe(Exchange exchange) {
        return exchange.getMessage().getHeader(HightouchConstants.SYNC_ID) + "/"
               + exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID) + ":"
               + exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS);
    }
}
