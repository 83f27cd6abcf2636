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
package io.github.camelhightouch;

/**
 * The Hightouch operations, chosen by the URI path ({@code hightouch:createSource}).
 */
public enum HightouchOperation {
    /** {@code POST /sources}: creates a source from the message body. */
    createSource(HightouchHttpMethod.POST, "/sources", true),
    /** {@code POST /models}: creates a model from the message body. */
    createModel(HightouchHttpMethod.POST, "/models", true),
    /** Any method on any Hightouch path, set by the {@code url} and {@code httpMethod} options. */
    raw(null, null, false),
    /** {@code GET /sources/{sourceId}}. */
    getSource(HightouchHttpMethod.GET, "/sources/{sourceId}", false, true),
    /** {@code GET /sources}: every source, page after page. */
    listSources(HightouchHttpMethod.GET, "/sources", false, true),
    /** {@code PATCH /sources/{sourceId}}: name and configuration from the message body. */
    updateSource(HightouchHttpMethod.PATCH, "/sources/{sourceId}", false, true),
    /** {@code GET /models/{modelId}}. */
    getModel(HightouchHttpMethod.GET, "/models/{modelId}", false, true),
    /** {@code GET /models}: every model, page after page. */
    listModels(HightouchHttpMethod.GET, "/models", false, true),
    /** {@code PATCH /models/{modelId}}. */
    updateModel(HightouchHttpMethod.PATCH, "/models/{modelId}", false, true),
    /** {@code POST /destinations}: creates a destination from the message body. */
    createDestination(HightouchHttpMethod.POST, "/destinations", true, false),
    /** {@code GET /destinations/{destinationId}}. */
    getDestination(HightouchHttpMethod.GET, "/destinations/{destinationId}", false, true),
    /** {@code GET /destinations}: every destination, page after page. */
    listDestinations(HightouchHttpMethod.GET, "/destinations", false, true),
    /** {@code PATCH /destinations/{destinationId}}. */
    updateDestination(HightouchHttpMethod.PATCH, "/destinations/{destinationId}", false, true),
    /** {@code POST /syncs}: creates a sync from the message body. */
    createSync(HightouchHttpMethod.POST, "/syncs", true, false),
    /** {@code GET /syncs/{syncId}}. */
    getSync(HightouchHttpMethod.GET, "/syncs/{syncId}", false, true),
    /** {@code GET /syncs}: every sync, page after page. */
    listSyncs(HightouchHttpMethod.GET, "/syncs", false, true),
    /** {@code PATCH /syncs/{syncId}}. */
    updateSync(HightouchHttpMethod.PATCH, "/syncs/{syncId}", false, true),
    /**
     * {@code POST /syncs/{syncId}/trigger}, or {@code POST /syncs/trigger} by slug: starts a sync run, and optionally
     * waits for it. Never repeated automatically: a repeated trigger can start a second run.
     */
    triggerSync(HightouchHttpMethod.POST, "/syncs/{syncId}/trigger", false, false),
    /** {@code GET /syncs/{syncId}/runs?runId=}: one run of a sync. */
    getSyncRun(HightouchHttpMethod.GET, "/syncs/{syncId}/runs", false, true),
    /** {@code GET /syncs/{syncId}/runs}: the runs of a sync, filtered, page after page. */
    listSyncRuns(HightouchHttpMethod.GET, "/syncs/{syncId}/runs", false, true),
    /** Polls a run that something else started until it finishes. */
    waitForSyncRun(HightouchHttpMethod.GET, "/syncs/{syncId}/runs", false, true),
    /** {@code POST /sync-sequences/{syncSequenceId}/trigger}: starts a sync sequence run, and optionally waits for it. */
    triggerSyncSequence(HightouchHttpMethod.POST, "/sync-sequences/{syncSequenceId}/trigger", false, false),
    /** {@code GET /sync-sequences/runs/{syncSequenceRunId}}: a sync sequence run and its sync runs. */
    getSyncSequenceRun(HightouchHttpMethod.GET, "/sync-sequences/runs/{syncSequenceRunId}", false, true),
    /**
     * {@code POST /idr/{graphId}/trigger}: starts an identity resolution run of a graph (fullRerun), and optionally
     * waits for it. Never repeated automatically.
     */
    triggerIdrRun(HightouchHttpMethod.POST, "/idr/{graphId}/trigger", false, false),
    /** {@code GET /idr/{graphId}/runs}: the identity resolution runs of a graph, filtered, page after page. */
    listIdrRuns(HightouchHttpMethod.GET, "/idr/{graphId}/runs", false, true),
    /** Polls an identity resolution run ({@code GET /idr/{graphId}/runs?runId=}) until it finishes. */
    waitForIdrRun(HightouchHttpMethod.GET, "/idr/{graphId}/runs", false, true),
    /**
     * {@code POST /idr/{graphId}/queue-for-reprocessing}: queues identifier values for reprocessing (and the
     * blocklist). Never repeated automatically.
     */
    queueIdrReprocessing(HightouchHttpMethod.POST, "/idr/{graphId}/queue-for-reprocessing", false, false),
    /** {@code GET /idr/{graphId}/reprocess-status/{requestId}}: the status of a reprocessing request. */
    getIdrReprocessStatus(HightouchHttpMethod.GET, "/idr/{graphId}/reprocess-status/{idrRequestId}", false, true),
    /**
     * {@code POST /campaigns/{campaignId}/trigger}: sends a campaign to 1 to 100 recipients. Never repeated once it may
     * have been taken.
     */
    triggerCampaign(HightouchHttpMethod.POST, "/campaigns/{campaignId}/trigger", false, false),
    /** {@code GET /campaigns/{campaignId}/sends/{sendId}}: the delivery status of one send of a campaign. */
    getCampaignSend(HightouchHttpMethod.GET, "/campaigns/{campaignId}/sends/{campaignSendId}", false, true),
    /** {@code GET /events/contracts}: every event contract, page after page. */
    listEventContracts(HightouchHttpMethod.GET, "/events/contracts", false, true),
    /** {@code GET /events/contracts/{contractId}}. */
    getEventContract(HightouchHttpMethod.GET, "/events/contracts/{contractId}", false, true),
    /** {@code POST /events/contracts}: creates an event contract from the message body. */
    createEventContract(HightouchHttpMethod.POST, "/events/contracts", true, false),
    /** {@code PATCH /events/contracts/{contractId}}. */
    updateEventContract(HightouchHttpMethod.PATCH, "/events/contracts/{contractId}", false, true),
    /** {@code GET /events/domains}: every event domain, page after page. */
    listEventDomains(HightouchHttpMethod.GET, "/events/domains", false, true),
    /** {@code GET /events/domains/{domainId}}. */
    getEventDomain(HightouchHttpMethod.GET, "/events/domains/{domainId}", false, true),
    /** {@code POST /events/domains}: creates an event domain from the message body. */
    createEventDomain(HightouchHttpMethod.POST, "/events/domains", true, false),
    /** {@code PATCH /events/domains/{domainId}}. */
    updateEventDomain(HightouchHttpMethod.PATCH, "/events/domains/{domainId}", false, true),
    /** {@code GET /decision-engine/flows}: every decision engine flow, page after page. */
    listFlows(HightouchHttpMethod.GET, "/decision-engine/flows", false, true),
    /** {@code GET /decision-engine/flow/{flowId}}. */
    getFlow(HightouchHttpMethod.GET, "/decision-engine/flow/{flowId}", false, true),
    /** {@code POST /decision-engine/flow/{flowId}/run}: runs a decision engine flow. Never repeated automatically. */
    runFlow(HightouchHttpMethod.POST, "/decision-engine/flow/{flowId}/run", false, false),
    /** {@code GET /decision-engine/flow/{flowId}/messages}: every message of a flow, page after page. */
    listFlowMessages(HightouchHttpMethod.GET, "/decision-engine/flow/{flowId}/messages", false, true),
    /** {@code GET /decision-engine/flow/{flowId}/messages/{messageId}}. */
    getFlowMessage(HightouchHttpMethod.GET, "/decision-engine/flow/{flowId}/messages/{flowMessageId}", false, true),
    /** {@code POST /decision-engine/flow/{flowId}/messages}: creates a message of a flow from the message body. */
    createFlowMessage(HightouchHttpMethod.POST, "/decision-engine/flow/{flowId}/messages", true, false),
    /** {@code PATCH /decision-engine/flow/{flowId}/messages/{messageId}}. */
    updateFlowMessage(HightouchHttpMethod.PATCH, "/decision-engine/flow/{flowId}/messages/{flowMessageId}", false, true),
    /**
     * Events API: a {@code track} event (a user did something: {@code event} and {@code properties}), queued and sent
     * with others in one {@code POST /v1/batch} to {@code eventsUrl}.
     */
    track(HightouchHttpMethod.POST, "/v1/batch", false, true),
    /** Events API: an {@code identify} event (who the user is: {@code traits}), batched like {@link #track}. */
    identify(HightouchHttpMethod.POST, "/v1/batch", false, true),
    /** Events API: a {@code page} event (a web page view: {@code name}, {@code properties}), batched. */
    page(HightouchHttpMethod.POST, "/v1/batch", false, true),
    /** Events API: a {@code screen} event (an app screen view: {@code name}, {@code properties}), batched. */
    screen(HightouchHttpMethod.POST, "/v1/batch", false, true),
    /** Events API: a {@code group} event (the user joins {@code groupId}, with the group's {@code traits}), batched. */
    group(HightouchHttpMethod.POST, "/v1/batch", false, true),
    /** Events API: an {@code alias} event ({@code previousId} becomes {@code userId}), batched. */
    alias(HightouchHttpMethod.POST, "/v1/batch", false, true),
    /**
     * Events API: a ready List (or JSON array) of events of mixed kinds, each with its {@code type}, queued and
     * batched like the single-event operations; the exchange completes when every one of them is accepted.
     */
    batch(HightouchHttpMethod.POST, "/v1/batch", false, true),
    /** Consumer only: emits the runs of a sync (or of every sync) as they appear and change status. */
    syncRuns(HightouchHttpMethod.GET, "/syncs/{syncId}/runs", false, true);

    private final HightouchHttpMethod method;
    private final String path;
    private final boolean create;
    private final boolean idempotent;

    HightouchOperation(HightouchHttpMethod method, String path, boolean create) {
        this(method, path, create, false);
    }

    HightouchOperation(HightouchHttpMethod method, String path, boolean create, boolean idempotent) {
        this.method = method;
        this.path = path;
        this.create = create;
        this.idempotent = idempotent;
    }

    /**
     * The fixed HTTP method, or null when the endpoint's {@code httpMethod} option decides ({@code raw}).
     */
    public HightouchHttpMethod getMethod() {
        return method;
    }

    /**
     * The path below the base URL, or null when the endpoint's {@code url} option decides ({@code raw}).
     */
    public String getPath() {
        return path;
    }

    /**
     * Whether the operation creates a resource: sent one record per request, never blindly repeated.
     */
    public boolean isCreate() {
        return create;
    }

    /**
     * Whether sending the operation's request twice has the same effect as sending it once (reads and updates), so
     * that it may be repeated after a failure that leaves its outcome unknown. Creates and triggers are not: a repeated
     * trigger starts a second run. False for {@code raw}, whose method decides.
     */
    public boolean isIdempotent() {
        return idempotent;
    }

    /**
     * Whether a request of this operation with this method may be repeated after a failure that leaves its outcome
     * unknown: the one place that decides it. For raw the method decides (GET, PUT, PATCH and DELETE may be
     * repeated, POST not); for the other operations, {@link #isIdempotent()}.
     */
    public boolean isIdempotent(HightouchHttpMethod requestMethod) {
        if (this == raw) {
            return requestMethod != HightouchHttpMethod.POST;
        }
        return idempotent && requestMethod != HightouchHttpMethod.POST;
    }

    /**
     * Whether the operation goes to the Events API ({@code eventsUrl}, write key, batching) rather than the REST API.
     */
    public boolean isEvent() {
        return switch (this) {
            case track, identify, page, screen, group, alias, batch -> true;
            default -> false;
        };
    }

    /**
     * Whether the path holds an id placeholder such as {@code {syncId}}, filled per message.
     */
    public boolean hasPathTemplate() {
        return path != null && path.indexOf('{') >= 0;
    }
}
