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

import org.apache.camel.spi.Metadata;

/**
 * The message headers the Hightouch component sets or reads.
 */
public final class HightouchConstants {

    /** The HTTP status Hightouch answered with. */
    @Metadata(label = "producer", description = "The HTTP status code of the Hightouch response.",
              javaType = "Integer")
    public static final String RESPONSE_CODE = "CamelHightouchResponseCode";

    /** The id of the created or returned resource. */
    @Metadata(label = "producer",
              description = "The id of the resource Hightouch created or returned (the `id` field of the response), "
                            + "when the response has one.",
              javaType = "Object")
    public static final String RESOURCE_ID = "CamelHightouchResourceId";

    /** The messageId of the event sent (its list for batch). */
    @Metadata(label = "producer",
              description = "Events operations: the messageId of the event as sent (a List of them for batch), set "
                            + "once Hightouch has accepted the batch; Hightouch drops a repeated messageId.",
              javaType = "Object")
    public static final String MESSAGE_ID = "CamelHightouchMessageId";

    /** How many attempts the call took. */
    @Metadata(label = "producer",
              description = "How many HTTP attempts the call took (1 when it was not retried); set on success and on "
                            + "failure.",
              javaType = "Integer")
    public static final String ATTEMPTS = "CamelHightouchAttempts";
    /** The source id of getSource and updateSource. */
    @Metadata(label = "producer", description = "The id of the source for getSource and updateSource; replaces the "
                                                + "sourceId option for this message.",
              javaType = "String")
    public static final String SOURCE_ID = "CamelHightouchSourceId";

    /** The model id of getModel and updateModel. */
    @Metadata(label = "producer", description = "The id of the model for getModel and updateModel; replaces the "
                                                + "modelId option for this message.",
              javaType = "String")
    public static final String MODEL_ID = "CamelHightouchModelId";

    /** The destination id of getDestination and updateDestination. */
    @Metadata(label = "producer", description = "The id of the destination for getDestination and updateDestination; "
                                                + "replaces the destinationId option for this message.",
              javaType = "String")
    public static final String DESTINATION_ID = "CamelHightouchDestinationId";

    /** The sync id: read by the sync operations, set by triggerSync and the consumer. */
    @Metadata(description = "The id of the sync: read by getSync, updateSync, triggerSync and the sync run operations "
                            + "(replaces the syncId option for this message); set by triggerSync when known and by the "
                            + "syncRuns consumer.",
              javaType = "String")
    public static final String SYNC_ID = "CamelHightouchSyncId";

    /** The slug of the sync to trigger. */
    @Metadata(label = "producer", description = "The slug of the sync for triggerSync; replaces the syncSlug option "
                                                + "for this message.",
              javaType = "String")
    public static final String SYNC_SLUG = "CamelHightouchSyncSlug";

    /** The sync run id: set by triggerSync and the consumer, read by getSyncRun and waitForSyncRun. */
    @Metadata(description = "The id of the sync run: set by triggerSync and the syncRuns consumer; read by getSyncRun "
                            + "and waitForSyncRun (replaces the syncRunId option for this message).",
              javaType = "String")
    public static final String SYNC_RUN_ID = "CamelHightouchSyncRunId";

    /** The status of the sync run. */
    @Metadata(description = "The status of the sync run (queued, querying, processing, reporting, success, warning, "
                            + "failed, cancelled, interrupted): set after a wait, by getSyncRun and by the syncRuns "
                            + "consumer.",
              javaType = "String")
    public static final String SYNC_RUN_STATUS = "CamelHightouchSyncRunStatus";

    /** The sync sequence id of triggerSyncSequence. */
    @Metadata(label = "producer", description = "The id of the sync sequence for triggerSyncSequence; replaces the "
                                                + "syncSequenceId option for this message.",
              javaType = "String")
    public static final String SYNC_SEQUENCE_ID = "CamelHightouchSyncSequenceId";

    /** The sync sequence run id: set by triggerSyncSequence, read by getSyncSequenceRun. */
    @Metadata(label = "producer", description = "The id of the sync sequence run: set by triggerSyncSequence; read by "
                                                + "getSyncSequenceRun (replaces the syncSequenceRunId option for this "
                                                + "message).",
              javaType = "String")
    public static final String SYNC_SEQUENCE_RUN_ID = "CamelHightouchSyncSequenceRunId";

    /** The status of the sync sequence run. */
    @Metadata(label = "producer", description = "The status of the sync sequence run (pending, running, done, failed, "
                                                + "cancelled): set after a wait and by getSyncSequenceRun.",
              javaType = "String")
    public static final String SYNC_SEQUENCE_RUN_STATUS = "CamelHightouchSyncSequenceRunStatus";

    /** Whether a single page read with paginate=false may be followed by more. */
    @Metadata(label = "producer", description = "For a list operation with paginate=false: whether more items may "
                                                + "follow the page read (hasMore, or a full page without it).",
              javaType = "Boolean")
    public static final String HAS_MORE = "CamelHightouchHasMore";

    /** What a create with onConflict did: created, updated or skipped. */
    @Metadata(label = "producer",
              description = "For a create with onConflict=update or skip: created (Hightouch created the resource), "
                            + "updated (a resource with the slug existed and was patched) or skipped (it existed and "
                            + "was left as it is); a List of these, one per element, for a List body.",
              javaType = "Object")
    public static final String RESOURCE_OUTCOME = "CamelHightouchResourceOutcome";

    /** The slug of the resource to read. */
    @Metadata(label = "producer",
              description = "The slug of the resource for getSource, getModel, getDestination and getSync, read with "
                            + "GET /sources?slug= (or models, destinations, syncs; exactly one match, else a HightouchSlugLookupException); replaces "
                            + "the slug option for this message. Set together with the id header, it is refused.",
              javaType = "String")
    public static final String SLUG = "CamelHightouchSlug";

    /** The path or URL of a raw call for this message. */
    @Metadata(label = "producer",
              description = "For raw: the Hightouch path (e.g. /syncs/42/trigger, with an optional query) or an absolute "
                            + "URL below baseUrl for this message; replaces the url option. Checked per message: another "
                            + "origin, user info, a dot-segment, an encoded slash or backslash, a fragment, or any "
                            + "character outside printable ASCII fails the exchange with a HightouchValidationException "
                            + "and nothing is sent.",
              javaType = "String")
    public static final String URL = "CamelHightouchUrl";

    /**
     * The id of the identity resolution graph for triggerIdrRun, listIdrRuns, waitForIdrRun, queueIdrReprocessing and
     * getIdrReprocessStatus.
     */
    @Metadata(label = "producer", description = "The id of the identity resolution graph for triggerIdrRun, "
                                                + "listIdrRuns, waitForIdrRun, queueIdrReprocessing and "
                                                + "getIdrReprocessStatus; replaces the graphId option for this "
                                                + "message.",
              javaType = "String")
    public static final String GRAPH_ID = "CamelHightouchGraphId";

    /** The id of the identity resolution run. */
    @Metadata(label = "producer", description = "The id of the identity resolution run: set by triggerIdrRun; read "
                                                + "by waitForIdrRun (replaces the idrRunId option for this "
                                                + "message).",
              javaType = "String")
    public static final String IDR_RUN_ID = "CamelHightouchIdrRunId";

    /** The status of the identity resolution run (QUEUED, PROCESSING, SUCCESS, FAILURE, CANCELLED). */
    @Metadata(label = "producer", description = "The status of the identity resolution run (QUEUED, PROCESSING, "
                                                + "SUCCESS, FAILURE, CANCELLED): set after a wait.",
              javaType = "String")
    public static final String IDR_RUN_STATUS = "CamelHightouchIdrRunStatus";

    /** The id of a reprocessing request. */
    @Metadata(label = "producer", description = "The id of a reprocessing request: set by queueIdrReprocessing; "
                                                + "read by getIdrReprocessStatus (replaces the idrRequestId option "
                                                + "for this message).",
              javaType = "String")
    public static final String IDR_REQUEST_ID = "CamelHightouchIdrRequestId";

    /** The status of a reprocessing request (queueing, queued, reprocessed, failed, cancelled). */
    @Metadata(label = "producer", description = "The status of a reprocessing request (queueing, queued, "
                                                + "reprocessed, failed, cancelled): set by getIdrReprocessStatus.",
              javaType = "String")
    public static final String IDR_REPROCESS_STATUS = "CamelHightouchIdrReprocessStatus";

    /** The id of the campaign for triggerCampaign and getCampaignSend. */
    @Metadata(label = "producer", description = "The id of the campaign for triggerCampaign and getCampaignSend; "
                                                + "replaces the campaignId option for this message.",
              javaType = "String")
    public static final String CAMPAIGN_ID = "CamelHightouchCampaignId";

    /** The id of a send of a campaign for getCampaignSend (as triggerCampaign answers it per accepted recipient). */
    @Metadata(label = "producer", description = "The id of a send of a campaign for getCampaignSend (as "
                                                + "triggerCampaign answers it per accepted recipient); replaces the "
                                                + "campaignSendId option for this message.",
              javaType = "String")
    public static final String CAMPAIGN_SEND_ID = "CamelHightouchCampaignSendId";

    /** The delivery status of a send (sent, delivered, bounced, failed, dropped). */
    @Metadata(label = "producer", description = "The delivery status of a send (sent, delivered, bounced, failed, "
                                                + "dropped): set by getCampaignSend.",
              javaType = "String")
    public static final String CAMPAIGN_SEND_STATUS = "CamelHightouchCampaignSendStatus";

    /** How many recipients triggerCampaign had accepted for delivery. */
    @Metadata(label = "producer", description = "How many recipients triggerCampaign had accepted for delivery.",
              javaType = "Integer")
    public static final String CAMPAIGN_ACCEPTED = "CamelHightouchCampaignAccepted";

    /** How many recipients triggerCampaign had rejected (each result says why). */
    @Metadata(label = "producer", description = "How many recipients triggerCampaign had rejected (each result says "
                                                + "why).",
              javaType = "Integer")
    public static final String CAMPAIGN_REJECTED = "CamelHightouchCampaignRejected";

    /** The id of the event contract for getEventContract and updateEventContract. */
    @Metadata(label = "producer", description = "The id of the event contract for getEventContract and "
                                                + "updateEventContract; replaces the contractId option for this "
                                                + "message.",
              javaType = "String")
    public static final String CONTRACT_ID = "CamelHightouchContractId";

    /** The id of the event domain for getEventDomain and updateEventDomain. */
    @Metadata(label = "producer", description = "The id of the event domain for getEventDomain and "
                                                + "updateEventDomain; replaces the domainId option for this "
                                                + "message.",
              javaType = "String")
    public static final String DOMAIN_ID = "CamelHightouchDomainId";

    /** The id of the decision engine flow for getFlow, runFlow and the flow message operations. */
    @Metadata(label = "producer", description = "The id of the decision engine flow for getFlow, runFlow and the "
                                                + "flow message operations; replaces the flowId option for this "
                                                + "message.",
              javaType = "String")
    public static final String FLOW_ID = "CamelHightouchFlowId";

    /** The id of a message of a decision engine flow for getFlowMessage and updateFlowMessage. */
    @Metadata(label = "producer", description = "The id of a message of a decision engine flow for getFlowMessage "
                                                + "and updateFlowMessage; replaces the flowMessageId option for "
                                                + "this message.",
              javaType = "String")
    public static final String FLOW_MESSAGE_ID = "CamelHightouchFlowMessageId";

    private HightouchConstants() {
    }
}
