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
package io.github.camelhightouch.internal.operation;

import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.internal.body.IdResolver.Id;

/**
 * Chooses the handler of each operation (the endpoint has checked its options before).
 */
public final class OperationHandlers {

    private OperationHandlers() {
    }

    /**
     * The handler of the operation, or null for the syncRuns consumer, which has no producer.
     */
    public static OperationHandler create(OperationContext context) {
        if (ConflictResolution.applies(context)) {
            return new ConvergentCreateHandler(context);
        }
        // getSource, getModel, getDestination, getSync: by id or by slug
        if (context.operation().getMethod() == HightouchHttpMethod.GET
                && SlugLookup.Kind.of(context.operation()) != null) {
            return new GetBySlugHandler(context);
        }
        return switch (context.operation()) {
            case getSource, updateSource -> new ResourceHandler(context, Id.SOURCE);
            case getModel, updateModel -> new ResourceHandler(context, Id.MODEL);
            case getDestination, updateDestination -> new ResourceHandler(context, Id.DESTINATION);
            case getSync, updateSync -> new ResourceHandler(context, Id.SYNC);
            case listSources, listModels, listDestinations, listSyncs, listSyncRuns -> new ListHandler(context);
            case triggerSync -> new TriggerSyncHandler(context);
            case getSyncRun, waitForSyncRun -> new SyncRunHandler(context);
            case triggerSyncSequence, getSyncSequenceRun -> new SyncSequenceHandler(context);
            case syncRuns -> null;
            case listIdrRuns, listEventContracts, listEventDomains, listFlows, listFlowMessages -> new ListHandler(context);
            case triggerIdrRun, waitForIdrRun -> new IdrRunHandler(context);
            case queueIdrReprocessing, getIdrReprocessStatus, triggerCampaign, getCampaignSend, getEventContract,
                 createEventContract, updateEventContract, getEventDomain, createEventDomain, updateEventDomain, getFlow,
                 runFlow, getFlowMessage, createFlowMessage, updateFlowMessage -> new RestOperationHandler(context);
            // the events operations queue into the endpoint's batcher (internal.events), made by the endpoint
            case track, identify, page, screen, group, alias, batch -> null;
            case createSource, createModel, createDestination, createSync, raw -> new RecordsHandler(context,
                    context.batchMode());
        };
    }
}
