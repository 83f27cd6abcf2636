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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.internal.call.ApiClient.ApiResponse;
import io.github.camelhightouch.internal.progress.ProgressLog;

/**
 * Reads a Hightouch list, whose answers are {@code {data: [...], hasMore}} pages selected by {@code limit} and
 * {@code offset}. Reads one page, or every page from the start offset on: a page with {@code hasMore: true} is followed
 * by the next; a page without {@code hasMore} (only syncs and runs are sure to have it) is followed when it is full,
 * because it may not be the last. An empty page always ends the list; a page that repeats the one before it (a
 * server that ignores offset) fails the read instead of being followed up to {@value #MAX_PAGES} pages.
 * <p>
 * A long read shows its progress: a line after every {@value #PROGRESS_PAGES}th page, and one at its end when it read
 * that many pages or more.
 */
public final class Paginator {

    /** Hightouch's page size when no limit is given. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** A list longer than this many pages is refused rather than read forever. */
    static final int MAX_PAGES = 10_000;
    /** A progress line every this many pages. */
    public static final int PROGRESS_PAGES = 10;

    /** Fetches one page. */
    @FunctionalInterface
    public interface PageFetcher {
        CompletableFuture<ApiResponse> fetch(int offset, int limit);
    }

    /**
     * What was read.
     *
     * @param items     every item of the pages read, in order
     * @param maybeMore whether more items may follow the last page read
     * @param status    the HTTP status of the last answer
     * @param failure   the answer that was not 2xx (read with throwExceptionOnFailure=false), or null
     */
    public record Pages(List<Object> items, boolean maybeMore, int status, ApiResponse failure) {
    }

    private final String description;
    private final PageFetcher fetcher;
    private final int limit;
    private final int offset;
    private final boolean all;
    private final ProgressLog progress;

    /**
     * @param description how the list is named in errors, e.g. {@code listSources (GET https://...)}
     * @param limit       the page size, null for Hightouch's default
     * @param offset      the first offset, null for 0
     * @param all         whether to read every page or only the first
     */
    public Paginator(String description, PageFetcher fetcher, Integer limit, Integer offset, boolean all) {
        this(description, fetcher, limit, offset, all, ProgressLog.OFF);
    }

    /**
     * @param progress where the progress lines of a long read go
     */
    public Paginator(String description, PageFetcher fetcher, Integer limit, Integer offset, boolean all,
                     ProgressLog progress) {
        this.progress = progress == null ? ProgressLog.OFF : progress;
        this.description = description;
        this.fetcher = fetcher;
        this.limit = limit == null ? DEFAULT_PAGE_SIZE : limit;
        this.offset = offset == null ? 0 : offset;
        this.all = all;
    }

    /**
     * Reads the list. Pages that are already answered are read in a loop, so that a long list does not deepen the
     * stack; a page answered later continues the loop from its callback.
     */
    public CompletableFuture<Pages> read() {
        CompletableFuture<Pages> result = new CompletableFuture<>();
        readFrom(offset, new ArrayList<>(), 0, result, System.nanoTime());
        return result;
    }

    private void readFrom(int nextOffset, List<Object> items, int pagesRead, CompletableFuture<Pages> result,
                          long startNanos) {
        int currentOffset = nextOffset;
        int pages = pagesRead;
        while (true) {
            CompletableFuture<ApiResponse> page;
            try {
                page = fetcher.fetch(currentOffset, limit);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            if (!page.isDone()) {
                int offsetOfPage = currentOffset;
                int pagesBefore = pages;
                page.whenComplete((answer, error) -> {
                    Integer next = error != null ? fail(result, error) : accept(answer, items, offsetOfPage, pagesBefore, result,
                            startNanos);
                    if (next != null) {
                        readFrom(next, items, pagesBefore + 1, result, startNanos);
                    }
                });
                return;
            }
            Integer next;
            try {
                next = accept(page.join(), items, currentOffset, pages, result, startNanos);
            } catch (CompletionException e) {
                next = fail(result, e);
            }
            if (next == null) {
                return;
            }
            currentOffset = next;
            pages++;
        }
    }

    /** Whether the items read so far end with exactly the items of this page. */
    private static boolean endsWith(List<Object> items, List<?> page) {
        return items.size() >= page.size() && items.subList(items.size() - page.size(), items.size()).equals(page);
    }

    private static Integer fail(CompletableFuture<Pages> result, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        result.completeExceptionally(cause);
        return null;
    }

    /**
     * Whether more items may follow a page: its {@code hasMore} when it has one, else whether the page is full, since
     * Hightouch guarantees {@code hasMore} only for syncs and runs. The one place of that rule, for every list read.
     *
     * @param hasMore the page's hasMore, or null when it has none
     */
    static boolean maybeMore(Boolean hasMore, int items, int limit) {
        return hasMore != null ? hasMore : items >= limit;
    }

    /**
     * Takes one answer: adds its items and returns the next offset to read, or completes the result and returns null.
     */
    private Integer accept(ApiResponse answer, List<Object> items, int pageOffset, int pagesRead, CompletableFuture<Pages> result,
                           long startNanos) {
        if (!answer.success()) {
            result.complete(new Pages(items, false, answer.status(), answer));
            return null;
        }
        List<?> data;
        Boolean hasMore = null;
        if (answer.body() instanceof Map<?, ?> page && page.get("data") instanceof List<?> list) {
            data = list;
            if (page.get("hasMore") instanceof Boolean more) {
                hasMore = more;
            }
        } else if (answer.body() instanceof List<?> list) {
            data = list;
        } else {
            result.completeExceptionally(new HightouchException(
                    "Hightouch " + description + " answered without a data array at offset " + pageOffset));
            return null;
        }
        if (pagesRead > 0 && !data.isEmpty() && endsWith(items, data)) {
            // the next page of a list cannot be the page before it: the server ignores offset, and would answer it
            // for every offset up to MAX_PAGES
            result.completeExceptionally(new HightouchException(
                    "Hightouch " + description + " answered the same page at offset " + pageOffset + " as at offset "
                                                                 + (pageOffset - data.size()) + " (" + data.size()
                                                                 + " items): it does not page by offset, so the list "
                                                                 + "cannot be read to its end"));
            return null;
        }
        items.addAll(data);
        boolean maybeMore = maybeMore(hasMore, data.size(), limit);
        int pages = pagesRead + 1;
        if (!all || !maybeMore || data.isEmpty()) {
            if (pages >= PROGRESS_PAGES && progress.isEnabled()) {
                progress.log("Hightouch {}: read {} items in {} pages after {} ms", description, items.size(), pages,
                        ProgressLog.millisSince(startNanos));
            }
            result.complete(new Pages(items, maybeMore && !data.isEmpty(), answer.status(), null));
            return null;
        }
        if (pagesRead + 1 >= MAX_PAGES) {
            result.completeExceptionally(new HightouchException(
                    "Hightouch " + description + " has more than " + MAX_PAGES + " pages of " + limit
                                                                 + " items; read it with paginate=false, limit and offset"));
            return null;
        }
        if (pages % PROGRESS_PAGES == 0 && progress.isEnabled()) {
            progress.log("Hightouch {}: {} items in {} pages after {} ms, reading on", description, items.size(), pages,
                    ProgressLog.millisSince(startNanos));
        }
        return pageOffset + data.size();
    }
}
