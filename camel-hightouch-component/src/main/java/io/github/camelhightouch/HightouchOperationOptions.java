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

import java.util.Map;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The per-endpoint options of the resource, sync-run and sync-sequence operations: ids, trigger flags, the wait for a
 * run, paging and list filters, and the consumer's choices. Ids set here can be replaced per message by the matching
 * header (CamelHightouchSyncId and so on).
 */
@UriParams
public class HightouchOperationOptions {

    /** How often a run is polled while waiting for it, by default. */
    public static final long DEFAULT_POLL_INTERVAL = 5_000;
    /** How long a wait lasts at most, by default. */
    public static final long DEFAULT_TIMEOUT = 3_600_000;

    @UriParam(label = "producer,raw")
    private String url;
    @UriParam(label = "producer,raw", defaultValue = "POST")
    private HightouchHttpMethod httpMethod = HightouchHttpMethod.POST;
    @UriParam(label = "producer,raw", prefix = "header.", multiValue = true)
    private Map<String, Object> headers;
    @UriParam(label = "producer,raw", defaultValue = "false")
    private boolean batchMode;

    @UriParam(label = "producer,raw", defaultValue = "application/json")
    private String contentType = "application/json";

    @UriParam(label = "producer,create", defaultValue = "fail")
    private HightouchOnConflict onConflict = HightouchOnConflict.fail;

    @UriParam(label = "producer,create", defaultValue = "false")
    private boolean skipColumnQuery;

    @UriParam(label = "common,id")
    private String sourceId;
    @UriParam(label = "common,id")
    private String modelId;
    @UriParam(label = "common,id")
    private String destinationId;
    @UriParam(label = "common,id")
    private String syncId;
    @UriParam(label = "producer,id")
    private String syncSlug;
    @UriParam(label = "producer,id")
    private String syncRunId;
    @UriParam(label = "producer,id")
    private String syncSequenceId;
    @UriParam(label = "producer,id")
    private String syncSequenceRunId;

    @UriParam(label = "producer,id")
    private String graphId;
    @UriParam(label = "producer,id")
    private String idrRunId;
    @UriParam(label = "producer,id")
    private String idrRequestId;
    @UriParam(label = "producer,id")
    private String campaignId;
    @UriParam(label = "producer,id")
    private String campaignSendId;
    @UriParam(label = "producer,id")
    private String contractId;
    @UriParam(label = "producer,id")
    private String domainId;
    @UriParam(label = "producer,id")
    private String flowId;
    @UriParam(label = "producer,id")
    private String flowMessageId;
    @UriParam(label = "producer,trigger", defaultValue = "false")
    private boolean fullRerun;
    @UriParam(label = "producer,trigger", defaultValue = "false")
    private boolean fullResync;
    @UriParam(label = "producer,trigger", defaultValue = "false")
    private boolean resetCDC;
    @UriParam(label = "producer,trigger", defaultValue = "false")
    private boolean clearAndFill;

    @UriParam(label = "producer,wait", defaultValue = "false")
    private boolean waitForCompletion;
    @UriParam(label = "producer,wait", defaultValue = "5000", javaType = "java.time.Duration")
    private long pollInterval = DEFAULT_POLL_INTERVAL;
    @UriParam(label = "producer,wait", defaultValue = "3600000", javaType = "java.time.Duration")
    private long timeout = DEFAULT_TIMEOUT;
    @UriParam(label = "producer,wait", defaultValue = "false")
    private boolean failOnWarning;

    @UriParam(label = "common,list", defaultValue = "true")
    private boolean paginate = true;
    @UriParam(label = "common,list")
    private Integer limit;
    @UriParam(label = "common,list")
    private Integer offset;
    @UriParam(label = "common,list")
    private String orderBy;
    @UriParam(label = "common,filter")
    private String name;
    @UriParam(label = "common,filter")
    private String slug;
    @UriParam(label = "common,filter")
    private String tags;
    @UriParam(label = "common,filter")
    private String after;
    @UriParam(label = "common,filter")
    private String before;
    @UriParam(label = "common,filter")
    private Integer within;

    @UriParam(label = "consumer", defaultValue = "false")
    private boolean terminalOnly;
    @UriParam(label = "consumer")
    private IdempotentRepository idempotentRepository;

    public String getUrl() {
        return url;
    }

    /**
     * For raw: the Hightouch path to call, relative to the base URL (e.g. /syncs/42/trigger), or an absolute URL on
     * the same origin as the base URL. An absolute URL on any other origin, a dot-segment (. or ..) or a fragment is
     * refused when the endpoint is created, so that the API key never leaves Hightouch. An endpoint option only: it
     * cannot be set on the component.
     */
    public void setUrl(String url) {
        this.url = url;
    }

    public HightouchHttpMethod getHttpMethod() {
        return httpMethod;
    }

    /**
     * For raw: the HTTP method. GET and DELETE send no body: the message body is ignored for them, a List body
     * included (one request).
     */
    public void setHttpMethod(HightouchHttpMethod httpMethod) {
        this.httpMethod = httpMethod;
    }

    public Map<String, Object> getHeaders() {
        return headers;
    }

    /**
     * For raw: extra HTTP request headers, as header.Name=value options. Message headers are never forwarded to
     * Hightouch. Names that the component sets or that HTTP, HttpClient or Camel interpret (Authorization,
     * Content-Type, Accept, Host, Content-Length, Transfer-Encoding, hop-by-hop headers, Cookie, Forwarded, method
     * overrides, any Camel* or Proxy-* name) and values with line breaks are refused when the endpoint is created.
     */
    public void setHeaders(Map<String, Object> headers) {
        this.headers = headers;
    }

    public boolean isBatchMode() {
        return batchMode;
    }

    /**
     * Batch mode, for raw only: a List body is sent as one JSON array. When false (the default), a List body on raw
     * or on a create operation is sent one element per request, in order, and the results are collected in a List.
     * Hightouch has no batch create, so batchMode=true on another operation is refused when the endpoint is created.
     */
    public void setBatchMode(boolean batchMode) {
        this.batchMode = batchMode;
    }

    public String getContentType() {
        return contentType;
    }

    /**
     * For raw: the Content-Type of the request body. JSON (application/json, the default, or a type whose subtype ends with a plus sign and json, such as vnd.api plus json) is
     * the only format that is read and checked: the body (Map, POJO, JsonNode, JSON text or bytes) must be JSON. Any
     * other type sends a String or byte[] body as it is (a String in the charset parameter, UTF-8 without one), an
     * InputStream or Reader body after reading it once; other body types are refused naming the body. A value that is
     * not a plain type/subtype with optional parameters (empty, a line break, a non-ASCII character) is refused when
     * the endpoint is created.
     */
    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public HightouchOnConflict getOnConflict() {
        return onConflict;
    }

    /**
     * For createSource, createModel, createDestination and createSync: what a 409 answer (a resource with the record's
     * slug exists) does. fail (the default): the exchange fails with the 409 HightouchApiException. update: the
     * resource is looked up by its slug (GET /sources?slug=...; exactly one match, else a HightouchSlugLookupException)
     * and the record's fields that its PATCH accepts are sent to it (sources and destinations: name, configuration;
     * models: name, isSchema, primaryKey, folderId and the query object; syncs: configuration, schedule, disabled); the
     * others (type, sourceId, queryType, destinationId, modelId, ...) are not sent. skip: the existing resource is
     * looked up and left as it is. The body is the resource and the CamelHightouchResourceOutcome header says created,
     * updated or skipped (a List of them for a List body). With update or skip a create that may have reached
     * Hightouch (a reset connection, a 500, 502 or 504) is repeated like a read, since a second create of the same slug
     * converges: the outcome can then say updated or skipped for a resource the first attempt created.
     */
    public void setOnConflict(HightouchOnConflict onConflict) {
        this.onConflict = onConflict;
    }

    public boolean isSkipColumnQuery() {
        return skipColumnQuery;
    }

    /**
     * For createModel: sends skipColumnQuery=true, so that Hightouch creates the model without running its query to
     * read the columns (faster, and possible while the source is unreachable).
     */
    public void setSkipColumnQuery(boolean skipColumnQuery) {
        this.skipColumnQuery = skipColumnQuery;
    }

    public String getSourceId() {
        return sourceId;
    }

    /**
     * The source id for getSource and updateSource; the CamelHightouchSourceId header replaces it per message.
     */
    public void setSourceId(String sourceId) {
        this.sourceId = sourceId;
    }

    public String getModelId() {
        return modelId;
    }

    /**
     * The model id for getModel and updateModel (the CamelHightouchModelId header replaces it per message); for
     * listSyncs, a filter: only the syncs of this model.
     */
    public void setModelId(String modelId) {
        this.modelId = modelId;
    }

    public String getDestinationId() {
        return destinationId;
    }

    /**
     * The destination id for getDestination and updateDestination; the CamelHightouchDestinationId header replaces
     * it per message.
     */
    public void setDestinationId(String destinationId) {
        this.destinationId = destinationId;
    }

    public String getSyncId() {
        return syncId;
    }

    /**
     * The sync id for getSync, updateSync, triggerSync, getSyncRun, listSyncRuns and waitForSyncRun (the
     * CamelHightouchSyncId header replaces it per message); for the syncRuns consumer, the sync whose runs are
     * emitted (all syncs when unset).
     */
    public void setSyncId(String syncId) {
        this.syncId = syncId;
    }

    public String getSyncSlug() {
        return syncSlug;
    }

    /**
     * For triggerSync: the slug of the sync to trigger, instead of syncId. The CamelHightouchSyncSlug header
     * replaces it per message.
     */
    public void setSyncSlug(String syncSlug) {
        this.syncSlug = syncSlug;
    }

    public String getSyncRunId() {
        return syncRunId;
    }

    /**
     * The sync run id for getSyncRun and waitForSyncRun (the CamelHightouchSyncRunId header, which triggerSync
     * sets, replaces it per message); for listSyncRuns, the runId filter (this option only).
     */
    public void setSyncRunId(String syncRunId) {
        this.syncRunId = syncRunId;
    }

    public String getSyncSequenceId() {
        return syncSequenceId;
    }

    /**
     * The sync sequence id for triggerSyncSequence; the CamelHightouchSyncSequenceId header replaces it per message.
     */
    public void setSyncSequenceId(String syncSequenceId) {
        this.syncSequenceId = syncSequenceId;
    }

    public String getSyncSequenceRunId() {
        return syncSequenceRunId;
    }

    /**
     * The sync sequence run id for getSyncSequenceRun; the CamelHightouchSyncSequenceRunId header, which
     * triggerSyncSequence sets, replaces it per message.
     */
    public void setSyncSequenceRunId(String syncSequenceRunId) {
        this.syncSequenceRunId = syncSequenceRunId;
    }

    public String getGraphId() {
        return graphId;
    }

    /**
     * The identity resolution graph for triggerIdrRun, listIdrRuns, waitForIdrRun, queueIdrReprocessing and
     * getIdrReprocessStatus; the CamelHightouchGraphId header replaces it per message.
     */
    public void setGraphId(String graphId) {
        this.graphId = graphId;
    }

    public String getIdrRunId() {
        return idrRunId;
    }

    /**
     * The identity resolution run for waitForIdrRun (the CamelHightouchIdrRunId header, which triggerIdrRun sets,
     * replaces it per message); for listIdrRuns, the runId filter (this option only).
     */
    public void setIdrRunId(String idrRunId) {
        this.idrRunId = idrRunId;
    }

    public String getIdrRequestId() {
        return idrRequestId;
    }

    /**
     * The reprocessing request for getIdrReprocessStatus; the CamelHightouchIdrRequestId header, which
     * queueIdrReprocessing sets, replaces it per message.
     */
    public void setIdrRequestId(String idrRequestId) {
        this.idrRequestId = idrRequestId;
    }

    public String getCampaignId() {
        return campaignId;
    }

    /**
     * The campaign for triggerCampaign and getCampaignSend; the CamelHightouchCampaignId header replaces it per
     * message.
     */
    public void setCampaignId(String campaignId) {
        this.campaignId = campaignId;
    }

    public String getCampaignSendId() {
        return campaignSendId;
    }

    /**
     * The send of a campaign for getCampaignSend (a sendId from the results of triggerCampaign); the
     * CamelHightouchCampaignSendId header replaces it per message.
     */
    public void setCampaignSendId(String campaignSendId) {
        this.campaignSendId = campaignSendId;
    }

    public String getContractId() {
        return contractId;
    }

    /**
     * The event contract for getEventContract and updateEventContract; the CamelHightouchContractId header replaces it
     * per message.
     */
    public void setContractId(String contractId) {
        this.contractId = contractId;
    }

    public String getDomainId() {
        return domainId;
    }

    /**
     * The event domain for getEventDomain and updateEventDomain; the CamelHightouchDomainId header replaces it per
     * message.
     */
    public void setDomainId(String domainId) {
        this.domainId = domainId;
    }

    public String getFlowId() {
        return flowId;
    }

    /**
     * The decision engine flow for getFlow, runFlow, listFlowMessages, getFlowMessage, createFlowMessage and
     * updateFlowMessage; the CamelHightouchFlowId header replaces it per message.
     */
    public void setFlowId(String flowId) {
        this.flowId = flowId;
    }

    public String getFlowMessageId() {
        return flowMessageId;
    }

    /**
     * The message of a decision engine flow for getFlowMessage and updateFlowMessage; the CamelHightouchFlowMessageId
     * header replaces it per message.
     */
    public void setFlowMessageId(String flowMessageId) {
        this.flowMessageId = flowMessageId;
    }

    public boolean isFullRerun() {
        return fullRerun;
    }

    /**
     * For triggerIdrRun: rerun the whole identity graph instead of processing incrementally.
     */
    public void setFullRerun(boolean fullRerun) {
        this.fullRerun = fullRerun;
    }

    public boolean isFullResync() {
        return fullResync;
    }

    /**
     * For triggerSync: resync all the rows of the query, ignoring the rows synced before.
     */
    public void setFullResync(boolean fullResync) {
        this.fullResync = fullResync;
    }

    public boolean isResetCDC() {
        return resetCDC;
    }

    /**
     * For triggerSync: take all the rows of the query as the new baseline without executing changes on the
     * destination.
     */
    public void setResetCDC(boolean resetCDC) {
        this.resetCDC = resetCDC;
    }

    public boolean isClearAndFill() {
        return clearAndFill;
    }

    /**
     * For triggerSync: clear the audience, then sync the full query to the destination.
     */
    public void setClearAndFill(boolean clearAndFill) {
        this.clearAndFill = clearAndFill;
    }

    public boolean isWaitForCompletion() {
        return waitForCompletion;
    }

    /**
     * For triggerSync, triggerSyncSequence and triggerIdrRun: wait until the started run finishes; the body is then
     * the final run. The wait holds no thread: the run is polled on a small shared scheduler and the exchange
     * continues when it finishes. A failed, cancelled or interrupted run (FAILURE or CANCELLED for identity
     * resolution) fails the exchange with a HightouchSyncRunException; a wait longer than timeout fails it with a
     * HightouchWaitTimeoutException.
     */
    public void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }

    public long getPollInterval() {
        return pollInterval;
    }

    /**
     * How often the run is polled while waiting, in milliseconds (a duration such as 5s is accepted too).
     */
    public void setPollInterval(long pollInterval) {
        this.pollInterval = pollInterval;
    }

    public long getTimeout() {
        return timeout;
    }

    /**
     * How long a wait for a run lasts at most, in milliseconds (a duration such as 1h is accepted too); then the
     * exchange fails with a HightouchWaitTimeoutException carrying the last status seen. The run itself goes on.
     */
    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public boolean isFailOnWarning() {
        return failOnWarning;
    }

    /**
     * Whether a run that finishes with the status warning (some rows failed) fails the exchange like a failed run.
     * By default warning counts as finished successfully.
     */
    public void setFailOnWarning(boolean failOnWarning) {
        this.failOnWarning = failOnWarning;
    }

    public boolean isPaginate() {
        return paginate;
    }

    /**
     * For list operations and the consumer: read every page, so that the body is the List of all items. When false,
     * one page is read (limit and offset) and the CamelHightouchHasMore header tells whether more may follow.
     */
    public void setPaginate(boolean paginate) {
        this.paginate = paginate;
    }

    public Integer getLimit() {
        return limit;
    }

    /**
     * For list operations: the page size (Hightouch's default is 100).
     */
    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public Integer getOffset() {
        return offset;
    }

    /**
     * For list operations: how many items to skip before the first page.
     */
    public void setOffset(Integer offset) {
        this.offset = offset;
    }

    public String getOrderBy() {
        return orderBy;
    }

    /**
     * For list operations: the sort field, one of id, name, slug, createdAt, updatedAt for sources, models,
     * destinations and syncs (syncs: no name), and one of id, createdAt, startedAt, finishedAt for sync runs; for
     * identity resolution runs one of created_at, started_at, finished_at; for event contracts and domains one of id,
     * name, createdAt, updatedAt; for decision engine flows id or name (flow messages have none).
     */
    public void setOrderBy(String orderBy) {
        this.orderBy = orderBy;
    }

    public String getName() {
        return name;
    }

    /**
     * Filter of listSources, listModels, listDestinations, listEventContracts, listEventDomains and listFlows: only
     * the resources with this name.
     */
    public void setName(String name) {
        this.name = name;
    }

    public String getSlug() {
        return slug;
    }

    /**
     * Filter of listSources, listModels, listDestinations and listSyncs: only the resource with this slug. For
     * getSource, getModel, getDestination and getSync: the resource to read, by its slug instead of its id (GET
     * /sources?slug=...; exactly one match, else a HightouchSlugLookupException); the CamelHightouchSlug header replaces
     * it per message. The id and the slug of the same level (both options, or both headers) are refused together; a
     * header of either kind wins over both options.
     */
    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getTags() {
        return tags;
    }

    /**
     * Filter of listModels: only the models with these tags, comma-separated.
     */
    public void setTags(String tags) {
        this.tags = tags;
    }

    public String getAfter() {
        return after;
    }

    /**
     * Filter of listSyncs, listSyncRuns, listIdrRuns and the consumer: only what was created after this ISO-8601
     * date-time (e.g. 2024-05-01T00:00:00Z).
     */
    public void setAfter(String after) {
        this.after = after;
    }

    public String getBefore() {
        return before;
    }

    /**
     * Filter of listSyncs, listSyncRuns, listIdrRuns and the consumer: only what was created before this ISO-8601
     * date-time.
     */
    public void setBefore(String before) {
        this.before = before;
    }

    public Integer getWithin() {
        return within;
    }

    /**
     * Filter of listSyncRuns and the consumer: only the runs of the last so many minutes. Keeps each poll of the
     * consumer small.
     */
    public void setWithin(Integer within) {
        this.within = within;
    }

    public boolean isTerminalOnly() {
        return terminalOnly;
    }

    /**
     * For the syncRuns consumer: emit only finished runs (success, warning, failed, cancelled, interrupted), once
     * each, instead of every status change.
     */
    public void setTerminalOnly(boolean terminalOnly) {
        this.terminalOnly = terminalOnly;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    /**
     * For the syncRuns consumer: where it records each run and status it delivered (keys syncId/runId/status), so
     * that it emits each once. A key is added only once the route has processed the exchange without an exception, so
     * a failed delivery is emitted again on the next poll. By default each consumer keeps the last 10000 keys in
     * memory, lost when the route, the CamelContext or the JVM restarts; a FileIdempotentRepository (or any other
     * persistent IdempotentRepository) keeps them across restarts. Reference a bean, e.g.
     * idempotentRepository=#syncRunStore.
     */
    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }
}
