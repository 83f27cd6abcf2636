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
package io.github.camelhightouch.breaker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchSlugLookupException;
import io.github.camelhightouch.testing.HightouchTestSupport;
import io.github.camelhightouch.testing.StandInWorkspace;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lookup by slug reads one page of the list (Hightouch's default limit, 100). hasMore is only guaranteed for
 * syncs: a full page of sources, models or destinations without it may have more after it, so it cannot show that the
 * slug names exactly one resource, nor that it names none. Such a page must not lead to a PATCH, nor to "not found".
 */
class FullLookupPageTest extends HightouchTestSupport {

    /** A full page: 100 items, none says whether more follow; the ones with {@code slug} come first. */
    private static String fullPage(String slug, int withSlug) throws JsonProcessingException {
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", 1000 + i);
            item.put("slug", i < withSlug ? slug : slug + "-" + i);
            item.put("name", "Source " + i);
            data.add(item);
        }
        return JSON.writeValueAsString(Map.of("data", data));
    }

    private static StandInWorkspace answering(StandInWorkspace workspace, String page) {
        return workspace.answerNext("GET", "sources", responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(page).build(), false);
    }

    @Test
    void aConflictWhoseLookupIsAFullPageWithoutHasMorePatchesNothing() throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH);
        workspace.add("sources", source("pg"));
        answering(workspace, fullPage("pg", 1));

        Exchange exchange = send("hightouch:createSource?onConflict=update", source("pg"));

        assertThat(HIGHTOUCH.requests()).extracting(r -> r.getMethod().getName())
                .as("one match on a page that may go on is not exactly one: nothing is patched")
                .doesNotContain("PATCH");
        assertThat(exchange.getException()).isInstanceOf(HightouchSlugLookupException.class);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME)).isNull();
    }

    @Test
    void aFullPageWithoutTheSlugIsNotNotFound() throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH);
        answering(workspace, fullPage("pg", 0));

        Exchange exchange = send("hightouch:getSource?slug=pg", null);

        assertThat(exchange.getException()).isInstanceOf(HightouchSlugLookupException.class);
        assertThat(((HightouchSlugLookupException) exchange.getException()).isNotFound())
                .as("the next page may hold it").isFalse();
    }

    @Test
    void aShortPageStaysConclusive() throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH);
        long id = workspace.add("sources", source("pg"));

        Exchange exchange = send("hightouch:getSource?slug=pg", null);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo((int) id);
    }
}
