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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.testing.HightouchExtensions;
import io.github.camelhightouch.testing.OpenApiContract;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.camelhightouch.sync.SyncRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas (two CamelContexts in one JVM) run the same syncRuns route behind {@code master:}, with Camel's
 * file-lock cluster service on one lock directory and a FileIdempotentRepository on one file: only the leader polls
 * and emits, each run and status once; when the leader stops, the other takes over and emits the later statuses
 * only, not what the leader already emitted.
 */
@Timeout(90)
class SyncRunsSingleActiveTest implements HightouchExtensions {

    private static final String RUNS = OpenApiContract.BASE_PATH + "/syncs/42/runs";
    private static final String ROUTE = "master:hightouch-runs:hightouch:syncRuns?syncId=42&delay=50&initialDelay=0"
                                        + "&idempotentRepository=#runStore";

    @Test
    void onlyTheLeaderEmitsAndTheNextLeaderGoesOnWhereItStopped() throws Exception {
        Path shared = Files.createDirectories(Path.of("target", "replicas", UUID.randomUUID().toString()));
        File store = shared.resolve("sync-runs.dat").toFile();
        stubRuns(run("1", "queued"));
        CamelContext first = replica("replica-1", shared, store);
        CamelContext second = replica("replica-2", shared, store);

        awaitThat(() -> emitted(first).size() + emitted(second).size() >= 1, "a leader emitted the first run");
        CamelContext leader = emitted(first).isEmpty() ? second : first;
        CamelContext follower = leader == first ? second : first;
        awaitPolls(10);
        assertThat(emitted(leader)).containsExactly("42/1:queued");
        assertThat(emitted(follower)).as("the follower emits nothing").isEmpty();
        assertThat(isLeader(leader)).isTrue();
        assertThat(isLeader(follower)).isFalse();

        stubRuns(run("1", "processing"), run("2", "queued"));
        awaitThat(() -> emitted(leader).size() >= 3, "the leader emitted the new statuses");
        awaitPolls(10);
        assertThat(emitted(leader)).containsExactly("42/1:queued", "42/1:processing", "42/2:queued");
        assertThat(emitted(follower)).as("the follower emits nothing").isEmpty();

        // the leader goes away; meanwhile run 1 finished and run 3 started, run 2 is unchanged
        leader.stop();
        stubRuns(run("1", "success"), run("2", "queued"), run("3", "queued"));
        awaitThat(() -> emitted(follower).size() >= 2, "the follower took over and emitted");
        awaitPolls(10);
        assertThat(emitted(follower)).as("only what the stopped leader had not emitted")
                .containsExactly("42/1:success", "42/3:queued");
        assertThat(isLeader(follower)).as("the follower is the leader now").isTrue();
    }

    /** A replica: its own cluster service and repository object, on the lock directory and store file they share. */
    private static CamelContext replica(String id, Path shared, File store) throws Exception {
        CamelContext context = HIGHTOUCH.newContext();
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(id);
        cluster.setRoot(shared.resolve("cluster").toString());
        cluster.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(200, TimeUnit.MILLISECONDS);
        context.addService(cluster);
        context.getRegistry().bind("runStore", FileIdempotentRepository.fileIdempotentRepository(store));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ROUTE).routeId("runs").to("mock:runs");
            }
        });
        context.start();
        return context;
    }

    private static boolean isLeader(CamelContext context) throws Exception {
        return context.hasService(FileLockClusterService.class).getView("hightouch-runs").getLocalMember().isLeader();
    }

    private static void stubRuns(String... runs) {
        HIGHTOUCH.server().stubFor(get(urlPathEqualTo(RUNS))
                .willReturn(okJson("{\"data\":[" + String.join(",", runs) + "],\"hasMore\":false}")));
    }

    private static List<String> emitted(CamelContext context) {
        return context.getEndpoint("mock:runs", MockEndpoint.class).getExchanges().stream()
                .map(SyncRunsSingleActiveTest::describe).toList();
    }

    /** Waits until the stand-in has answered so many more run polls: time for a wrong emission to show. */
    private static void awaitPolls(int more) throws InterruptedException {
        long target = polls() + more;
        awaitThat(() -> polls() >= target, more + " more polls");
    }

    private static long polls() {
        return HIGHTOUCH.server().countRequestsMatching(getRequestedFor(urlPathEqualTo(RUNS)).build()).getCount();
    }

    private static void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("in time: %s", what).isNegative();
            Thread.sleep(20);
        }
    }

    private static String describe(Exchange exchange) {
        return exchange.getMessage().getHeader(HightouchConstants.SYNC_ID) + "/"
               + exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_ID) + ":"
               + exchange.getMessage().getHeader(HightouchConstants.SYNC_RUN_STATUS);
    }
}
