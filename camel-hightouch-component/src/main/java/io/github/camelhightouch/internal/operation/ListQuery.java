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

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchOperationOptions;
import io.github.camelhightouch.internal.http.QueryString;

/**
 * The query of a list operation: the filters and sort fields Hightouch accepts for it (as its API description lists
 * them) taken from the endpoint options, checked when the endpoint starts. The syncRuns consumer without syncId has a
 * second query, {@link #allSyncs()}, that lists the syncs with paging parameters only.
 */
public final class ListQuery {

    /** The filters, each with the option it comes from. */
    public enum Filter {
        NAME("name"),
        SLUG("slug"),
        TAGS("tags"),
        MODEL_ID("modelId"),
        RUN_ID("syncRunId"),
        AFTER("after"),
        BEFORE("before"),
        WITHIN("within"),
        IDR_RUN_ID("idrRunId");

        private final String option;

        Filter(String option) {
            this.option = option;
        }
    }

    private static final List<String> RESOURCE_ORDER = List.of("id", "name", "slug", "createdAt", "updatedAt");
    private static final List<String> SYNC_ORDER = RESOURCE_ORDER;
    private static final List<String> RUN_ORDER = List.of("id", "createdAt", "startedAt", "finishedAt");
    private static final List<String> IDR_RUN_ORDER = List.of("created_at", "started_at", "finished_at");
    private static final List<String> EVENT_SCHEMA_ORDER = List.of("id", "name", "createdAt", "updatedAt");
    private static final List<String> FLOW_ORDER = List.of("id", "name");

    private final HightouchOperation operation;
    private final HightouchOperationOptions options;
    private final Set<Filter> filters;
    private final List<String> orderByValues;
    private final String orderBy;

    private ListQuery(HightouchOperation operation, HightouchOperationOptions options, Set<Filter> filters,
                      List<String> orderByValues) {
        this(operation, options, filters, orderByValues, options.getOrderBy());
    }

    private ListQuery(HightouchOperation operation, HightouchOperationOptions options, Set<Filter> filters,
                      List<String> orderByValues, String orderBy) {
        this.operation = operation;
        this.options = options;
        this.filters = filters;
        this.orderByValues = orderByValues;
        this.orderBy = orderBy;
    }

    /**
     * The query of a list operation (or of the syncRuns consumer).
     */
    public static ListQuery of(HightouchOperation operation, HightouchOperationOptions options) {
        return switch (operation) {
            case listSources, listDestinations -> new ListQuery(operation, options, EnumSet.of(Filter.NAME, Filter.SLUG),
                    RESOURCE_ORDER);
            case listModels -> new ListQuery(operation, options, EnumSet.of(Filter.NAME, Filter.SLUG, Filter.TAGS),
                    RESOURCE_ORDER);
            case listSyncs -> new ListQuery(operation, options,
                    EnumSet.of(Filter.SLUG, Filter.MODEL_ID, Filter.AFTER, Filter.BEFORE), SYNC_ORDER);
            case listSyncRuns, syncRuns -> new ListQuery(operation, options,
                    EnumSet.of(Filter.RUN_ID, Filter.AFTER, Filter.BEFORE, Filter.WITHIN), RUN_ORDER);
            case listIdrRuns -> new ListQuery(operation, options, EnumSet.of(Filter.IDR_RUN_ID, Filter.AFTER, Filter.BEFORE),
                    IDR_RUN_ORDER);
            case listEventContracts, listEventDomains -> new ListQuery(operation, options, EnumSet.of(Filter.NAME),
                    EVENT_SCHEMA_ORDER);
            case listFlows -> new ListQuery(operation, options, EnumSet.of(Filter.NAME), FLOW_ORDER);
            case listFlowMessages -> new ListQuery(operation, options, EnumSet.noneOf(Filter.class), List.of());
            default -> throw new IllegalArgumentException(operation + " is not a list operation");
        };
    }

    /**
     * The query that lists all syncs for the syncRuns consumer without syncId: {@code limit} and {@code offset} only.
     * The endpoint's list options (orderBy, limit, offset, the run filters) are those of the run reads: Hightouch
     * refuses a run sort field such as finishedAt on {@code GET /syncs}, and a run filter there would filter syncs.
     */
    public static ListQuery allSyncs() {
        return new ListQuery(HightouchOperation.listSyncs, new HightouchOperationOptions(), EnumSet.noneOf(Filter.class),
                SYNC_ORDER, null);
    }

    /**
     * Checks the options: filters the operation does not have are refused, values are checked.
     *
     * @throws IllegalArgumentException naming the option
     */
    public void check() {
        for (Filter filter : Filter.values()) {
            if (!filters.contains(filter) && value(filter) != null) {
                throw new IllegalArgumentException(filter.option + ": is not a filter of hightouch:" + operation
                                                   + (filters.isEmpty() ? "" : "; its filters are: " + filters.stream()
                                                           .map(f -> f.option).collect(Collectors.joining(", "))));
            }
        }
        if (options.getLimit() != null && options.getLimit() < 1) {
            throw new IllegalArgumentException("limit: must be at least 1, got " + options.getLimit());
        }
        if (options.getOffset() != null && options.getOffset() < 0) {
            throw new IllegalArgumentException("offset: must not be negative, got " + options.getOffset());
        }
        if (orderBy != null && orderByValues.isEmpty()) {
            throw new IllegalArgumentException("orderBy: hightouch:" + operation + " has no sort field, got " + orderBy);
        }
        if (orderBy != null && !orderByValues.contains(orderBy)) {
            throw new IllegalArgumentException("orderBy: must be one of " + orderByValues + " for hightouch:" + operation
                                               + ", got " + orderBy);
        }
        if (filters.contains(Filter.WITHIN) && options.getWithin() != null && options.getWithin() < 1) {
            throw new IllegalArgumentException("within: must be a positive number of minutes, got " + options.getWithin());
        }
        checkDateTime("after", options.getAfter());
        checkDateTime("before", options.getBefore());
    }

    private static void checkDateTime(String option, String value) {
        if (value == null) {
            return;
        }
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": must be an ISO-8601 date-time with offset such as "
                                               + "2024-05-01T00:00:00Z, got " + value);
        }
    }

    /**
     * The query for one page.
     */
    public QueryString page(int offset, int limit) {
        QueryString query = new QueryString();
        for (Filter filter : filters) {
            if (filter == Filter.TAGS) {
                for (String tag : tags()) {
                    query.add("tags", tag);
                }
            } else {
                query.add(parameter(filter), value(filter));
            }
        }
        return query.add("orderBy", orderBy).add("limit", limit).add("offset", offset);
    }

    private List<String> tags() {
        List<String> tags = new ArrayList<>();
        if (options.getTags() != null) {
            for (String tag : options.getTags().split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            }
        }
        return tags;
    }

    private static String parameter(Filter filter) {
        return filter == Filter.RUN_ID || filter == Filter.IDR_RUN_ID ? "runId" : filter.option;
    }

    private Object value(Filter filter) {
        return switch (filter) {
            case NAME -> options.getName();
            case SLUG -> options.getSlug();
            case TAGS -> options.getTags();
            case MODEL_ID -> options.getModelId();
            case RUN_ID -> options.getSyncRunId();
            case AFTER -> options.getAfter();
            case BEFORE -> options.getBefore();
            case WITHIN -> options.getWithin();
            case IDR_RUN_ID -> options.getIdrRunId();
        };
    }
}
