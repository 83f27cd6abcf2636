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

import java.util.List;
import java.util.Map;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class PaginationTest extends HightouchContextTestSupport {

    @Override
    protected void configure(CamelContext context) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:each-source").to("hightouch:listSources?limit=2").split(body()).to("mock:source");
            }
        });
    }

    private static String page(int from, int count, Boolean hasMore) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < count; i++) {
            data.append(i == 0 ? "" : ",").append("{\"id\":").append(from + i).append(",\"name\":\"s").append(from + i)
                    .append("\",\"slug\":\"s").append(from + i).append("\"}");
        }
        return "{\"data\":[" + data + "]" + (hasMore == null ? "" : ",\"hasMore\":" + hasMore) + "}";
    }

    private static List<Object> ids(List<?> items) {
        return items.stream().map(item -> (Object) ((Map<?, ?>) item).get("id")).toList();
    }

    private static void stubPage(String path, int offset, int limit, String body) {
        wireMock().stubFor(get(urlPathEqualTo(API + path)).withQueryParam("offset", equalTo(String.valueOf(offset)))
                .withQueryParam("limit", equalTo(String.valueOf(limit))).willReturn(okJson(body)));
    }

    @Test
    void readsThreePagesFollowingHasMore() {
        stubPage("/syncs", 0, 2, page(1, 2, true));
        stubPage("/syncs", 2, 2, page(3, 2, true));
        stubPage("/syncs", 4, 2, page(5, 1, false));

        Exchange exchange = send("hightouch:listSyncs?limit=2", null, Map.of());

        assertThat(exchange.getException()).isNull();
        List<?> items = exchange.getMessage().getBody(List.class);
        assertThat(ids(items)).containsExactly(1, 2, 3, 4, 5);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.HAS_MORE)).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isNull();
        wireMock().verify(3, getRequestedFor(urlPathEqualTo(API + "/syncs")));
    }

    @Test
    void hasMoreFalseStopsEvenAfterAFullPage() {
        stubPage("/syncs", 0, 2, page(1, 2, true));
        stubPage("/syncs", 2, 2, page(3, 2, false));

        Exchange exchange = send("hightouch:listSyncs?limit=2", null, Map.of());

        assertThat(exchange.getMessage().getBody(List.class)).hasSize(4);
        wireMock().verify(2, getRequestedFor(urlPathEqualTo(API + "/syncs")));
    }

    @Test
    void withoutHasMoreAFullPageMeansMaybeMore() {
        stubPage("/sources", 0, 2, page(1, 2, null));
        stubPage("/sources", 2, 2, page(3, 2, null));
        stubPage("/sources", 4, 2, page(5, 1, null));

        Exchange exchange = send("hightouch:listSources?limit=2", null, Map.of());

        assertThat(ids(exchange.getMessage().getBody(List.class))).containsExactly(1, 2, 3, 4, 5);
        wireMock().verify(3, getRequestedFor(urlPathEqualTo(API + "/sources")));
    }

    @Test
    void withoutHasMoreAFullLastPageIsFollowedByAnEmptyOne() {
        stubPage("/destinations", 0, 2, page(1, 2, null));
        stubPage("/destinations", 2, 2, page(3, 2, null));
        stubPage("/destinations", 4, 2, page(5, 0, null));

        Exchange exchange = send("hightouch:listDestinations?limit=2", null, Map.of());

        assertThat(exchange.getMessage().getBody(List.class)).hasSize(4);
        wireMock().verify(3, getRequestedFor(urlPathEqualTo(API + "/destinations")));
    }

    @Test
    void theDefaultPageSizeIsHightouchs() {
        stubPage("/models", 0, 100, page(1, 100, null));
        stubPage("/models", 100, 100, page(101, 100, null));
        stubPage("/models", 200, 100, page(201, 7, null));

        Exchange exchange = send("hightouch:listModels", null, Map.of());

        assertThat(exchange.getMessage().getBody(List.class)).hasSize(207);
        wireMock().verify(3, getRequestedFor(urlPathEqualTo(API + "/models")));
    }

    @Test
    void paginateFalseReadsOnePageAndTellsWhetherMoreMayFollow() {
        stubPage("/syncs", 4, 2, page(5, 2, true));
        stubPage("/sources", 0, 2, page(1, 2, null));
        stubPage("/destinations", 0, 2, page(1, 1, null));

        Exchange syncs = send("hightouch:listSyncs?paginate=false&limit=2&offset=4", null, Map.of());
        Exchange sources = send("hightouch:listSources?paginate=false&limit=2", null, Map.of());
        Exchange destinations = send("hightouch:listDestinations?paginate=false&limit=2", null, Map.of());

        assertThat(syncs.getMessage().getBody(List.class)).hasSize(2);
        assertThat(syncs.getMessage().getHeader(HightouchConstants.HAS_MORE)).isEqualTo(true);
        assertThat(sources.getMessage().getHeader(HightouchConstants.HAS_MORE)).isEqualTo(true);
        assertThat(destinations.getMessage().getHeader(HightouchConstants.HAS_MORE)).isEqualTo(false);
        wireMock().verify(1, getRequestedFor(urlPathEqualTo(API + "/syncs")));
        wireMock().verify(1, getRequestedFor(urlPathEqualTo(API + "/sources")));
    }

    @Test
    void theBodySplitsIntoOneExchangePerItem() throws Exception {
        stubPage("/sources", 0, 2, page(1, 2, null));
        stubPage("/sources", 2, 2, page(3, 2, null));
        stubPage("/sources", 4, 2, page(5, 1, null));
        MockEndpoint items = context.getEndpoint("mock:source", MockEndpoint.class);
        items.expectedMessageCount(5);

        template.sendBody("direct:each-source", null);

        items.assertIsSatisfied(5_000);
        assertThat(items.getExchanges()).extracting(e -> e.getMessage().getBody(Map.class).get("name"))
                .containsExactly("s1", "s2", "s3", "s4", "s5");
    }

    @Test
    void filtersAndOrderAreSentAsTheSpecNamesThem() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/models")).willReturn(okJson(page(1, 1, false))));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs")).willReturn(okJson(page(1, 1, false))));
        wireMock().stubFor(get(urlPathEqualTo(API + "/syncs/42/runs")).willReturn(okJson("{\"data\":[],\"hasMore\":false}")));

        send("hightouch:listModels?name=Users&slug=users&tags=crm, marketing&orderBy=name", null, Map.of());
        send("hightouch:listSyncs?slug=nightly&modelId=9&after=2024-05-01T00:00:00Z&before=2024-06-01T00:00:00Z"
             + "&orderBy=updatedAt", null, Map.of());
        Exchange runs = send("hightouch:listSyncRuns?within=60&orderBy=startedAt&syncRunId=7&limit=50", null,
                Map.of(HightouchConstants.SYNC_ID, "42"));

        assertThat(runs.getException()).isNull();
        assertThat(runs.getMessage().getBody(List.class)).isEmpty();
        wireMock().verify(getRequestedFor(urlEqualTo(
                API + "/models?name=Users&slug=users&tags=crm&tags=marketing&orderBy=name&limit=100&offset=0")));
        wireMock().verify(getRequestedFor(urlEqualTo(API + "/syncs?slug=nightly&modelId=9&after=2024-05-01T00%3A00%3A00Z"
                                                   + "&before=2024-06-01T00%3A00%3A00Z&orderBy=updatedAt&limit=100&offset=0")));
        wireMock().verify(getRequestedFor(urlEqualTo(
                API + "/syncs/42/runs?runId=7&within=60&orderBy=startedAt&limit=50&offset=0")));
    }

    @Test
    void anErrorPageBecomesTheBodyWhenNotThrowing() {
        stubPage("/sources", 0, 2, page(1, 2, null));
        wireMock().stubFor(get(urlPathEqualTo(API + "/sources")).withQueryParam("offset", equalTo("2"))
                .willReturn(aResponse().withStatus(401)));

        Exchange failing = send("hightouch:listSources?limit=2", null, Map.of());
        Exchange quiet = send("hightouch:listSources?limit=2&throwExceptionOnFailure=false", null, Map.of());

        assertThat(failing.getException()).hasMessageContaining("HTTP 401");
        assertThat(quiet.getException()).isNull();
        assertThat(quiet.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(401);
    }

    @Test
    void optionsThatAreNoFilterOfTheListAreRefusedAtStart() {
        assertThatThrownBy(() -> template.sendBody("hightouch:listSyncs?name=x", null))
                .hasStackTraceContaining("name: is not a filter of hightouch:listSyncs");
        assertThatThrownBy(() -> template.sendBody("hightouch:listSyncRuns?orderBy=name", null))
                .hasStackTraceContaining("orderBy: must be one of [id, createdAt, startedAt, finishedAt]");
        assertThatThrownBy(() -> template.sendBody("hightouch:listSyncs?after=yesterday", null))
                .hasStackTraceContaining("after: must be an ISO-8601 date-time");
        assertThatThrownBy(() -> template.sendBody("hightouch:listSources?limit=0", null))
                .hasStackTraceContaining("limit: must be at least 1");
        assertThat(wireMock().getAllServeEvents()).isEmpty();
    }
}
