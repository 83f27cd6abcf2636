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
package io.github.camelhightouch.examples;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A local Hightouch stand-in: a WireMock server on a free 127.0.0.1 port answering POST /sources and POST /models
 * (see {@link HightouchResourceResponder}), POST /syncs/{syncId}/trigger and GET /syncs/{syncId}/runs for the one sync
 * it knows, {@value #SYNC_ID} (see {@link SyncRunResponder}), as the real API does, so that the example runs with no
 * account and no network. Every other path answers 404. It accepts one API key, made up when it starts. A second
 * server on its own port stands in for the Events API ({@code POST /v1/batch}, see {@link EventsResponder}), with its
 * own write key.
 */
public final class LocalHightouch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalHightouch.class);

    /** The path of the API below the server root, as on api.hightouch.com. */
    public static final String API_PATH = "/api/v1";

    /** The one sync the stand-in knows: the example triggers it when no other is given. */
    public static final String SYNC_ID = "42";

    private final WireMockServer server;
    private final WireMockServer eventsServer;
    private final HightouchResourceResponder responder;
    private final SyncRunResponder syncRuns;
    private final EventsResponder events;
    private final String apiKey;
    private final String writeKey;

    private LocalHightouch(String apiKey, String writeKey, String runEndStatus) {
        this.apiKey = apiKey;
        this.writeKey = writeKey;
        this.events = new EventsResponder(writeKey);
        // the Events API has its own host, as in Hightouch: the write key and the API key never meet
        this.eventsServer = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(8)
                .notifier(new LogNotifier())
                .extensions(events));
        this.responder = new HightouchResourceResponder(apiKey);
        this.syncRuns = new SyncRunResponder(apiKey, Set.of(SYNC_ID), runEndStatus);
        this.server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(8)
                .notifier(new LogNotifier())
                .extensions(responder, syncRuns));
    }

    /** Starts a stand-in with a fresh API key, whose sync runs end in success. */
    public static LocalHightouch start() {
        return start("success");
    }

    /**
     * Starts a stand-in with a fresh API key, whose sync runs end in the given status.
     *
     * @param runEndStatus success, warning, failed, cancelled or interrupted; processing for runs that never end
     */
    public static LocalHightouch start(String runEndStatus) {
        LocalHightouch hightouch = new LocalHightouch("local-" + UUID.randomUUID(), "local-wk-" + UUID.randomUUID(),
                runEndStatus);
        hightouch.server.start();
        hightouch.eventsServer.start();
        hightouch.stubApi();
        return hightouch;
    }

    private void stubApi() {
        server.stubFor(post(urlPathEqualTo(API_PATH + "/sources"))
                .willReturn(aResponse().withTransformers(HightouchResourceResponder.NAME)
                        .withTransformerParameter(HightouchResourceResponder.COLLECTION, "sources")));
        server.stubFor(post(urlPathEqualTo(API_PATH + "/models"))
                .willReturn(aResponse().withTransformers(HightouchResourceResponder.NAME)
                        .withTransformerParameter(HightouchResourceResponder.COLLECTION, "models")));
        for (String collection : List.of("sources", "models")) {
            server.stubFor(get(urlPathEqualTo(API_PATH + "/" + collection))
                    .willReturn(aResponse().withTransformers(HightouchResourceResponder.NAME)
                            .withTransformerParameter(HightouchResourceResponder.COLLECTION, collection)));
            server.stubFor(patch(urlPathMatching(API_PATH + "/" + collection + "/[0-9]+"))
                    .willReturn(aResponse().withTransformers(HightouchResourceResponder.NAME)
                            .withTransformerParameter(HightouchResourceResponder.COLLECTION, collection)));
        }
        server.stubFor(post(urlPathMatching(API_PATH + "/syncs/[^/]+/trigger"))
                .willReturn(aResponse().withTransformers(SyncRunResponder.NAME)));
        server.stubFor(get(urlPathMatching(API_PATH + "/syncs/[^/]+/runs"))
                .willReturn(aResponse().withTransformers(SyncRunResponder.NAME)));
        // anything else: 401 without the key, 404 with it
        server.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().withTransformers(HightouchResourceResponder.NAME)));
        eventsServer.stubFor(post(urlPathEqualTo("/v1/batch"))
                .willReturn(aResponse().withTransformers(EventsResponder.NAME)));
        // what --check asks the events host, with neither key nor event
        eventsServer.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withStatus(200)));
    }

    /** The Events API URL to give the component, e.g. http://127.0.0.1:34568. */
    public String eventsUrl() {
        return "http://127.0.0.1:" + eventsServer.port();
    }

    /** The one events write key this stand-in accepts. */
    public String writeKey() {
        return writeKey;
    }

    /** The distinct events the Events API stand-in accepted (by messageId). */
    public int acceptedEvents() {
        return events.acceptedEvents();
    }

    /** The size of each batch the Events API stand-in accepted, in order. */
    public List<Integer> eventBatchSizes() {
        return events.batchSizes();
    }

    /** The base URL to give the component, e.g. http://127.0.0.1:34567/api/v1. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + API_PATH;
    }

    /** The one API key this stand-in accepts. */
    public String apiKey() {
        return apiKey;
    }

    /** The resources created so far in a collection ("sources" or "models"), as answered, in order. */
    public List<Map<String, Object>> created(String collection) {
        return responder.created(collection);
    }

    /** How many updates of a collection's resources ("sources" or "models") the stand-in has accepted. */
    public int updates(String collection) {
        return responder.updates(collection);
    }

    /** The sync runs triggered so far, each in its current state, in the order of the triggers. */
    public List<Map<String, Object>> syncRuns() {
        return syncRuns.runs();
    }

    @Override
    public void close() {
        server.stop();
        eventsServer.stop();
    }

    /** WireMock's own messages, to this class's logger. */
    private static final class LogNotifier implements Notifier {
        @Override
        public void info(String message) {
            LOG.debug(message);
        }

        @Override
        public void error(String message) {
            LOG.warn(message);
        }

        @Override
        public void error(String message, Throwable t) {
            LOG.warn(message, t);
        }
    }
}
