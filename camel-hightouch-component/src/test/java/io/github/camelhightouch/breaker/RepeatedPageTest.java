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

import java.util.List;
import java.util.Map;

import io.github.camelhightouch.HightouchException;
import io.github.camelhightouch.testing.HightouchContextTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that ignores offset answers the same page for every offset. With {@code hasMore: true} (or, for the
 * lists without hasMore, a full page) the paginator followed it page after page, 10,000 requests (500 s of the
 * workspace's 200 requests per 10 s, every other route of the key starved meanwhile) and a million duplicate items
 * in memory before giving up. The same page twice in a row cannot be the next page of a list: the read must end at
 * once with a clear error.
 */
@Timeout(30)
class RepeatedPageTest extends HightouchContextTestSupport {

    @Test
    void theSamePageWithHasMoreForeverEndsTheReadAtTheSecondPage() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/decision-engine/flows"))
                .willReturn(okJson("{\"data\":[{\"id\":\"f1\",\"name\":\"a\"},{\"id\":\"f2\",\"name\":\"b\"}],"
                                   + "\"hasMore\":true}")));

        Exchange exchange = send("hightouch:listFlows?limit=2", "original", Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchException.class)
                .hasMessageContaining("same page").hasMessageContaining("offset");
        assertThat(HIGHTOUCH.requests()).hasSizeLessThanOrEqualTo(3);
        assertThat(exchange.getMessage().getBody()).isEqualTo("original");
    }

    @Test
    void theSameFullPageWithoutHasMoreEndsTheReadAtTheSecondPage() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/events/contracts"))
                .willReturn(okJson("{\"data\":[{\"id\":\"ec1\",\"name\":\"a\"},{\"id\":\"ec2\",\"name\":\"b\"}]}")));

        Exchange exchange = send("hightouch:listEventContracts?limit=2", null, Map.of());

        assertThat(exchange.getException()).isInstanceOf(HightouchException.class).hasMessageContaining("same page");
        assertThat(HIGHTOUCH.requests()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void distinctPagesAreStillReadToTheEnd() {
        wireMock().stubFor(get(urlPathEqualTo(API + "/idr/g1/runs")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson("{\"data\":[{\"id\":\"r1\"},{\"id\":\"r2\"}],\"hasMore\":true}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/idr/g1/runs")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson("{\"data\":[{\"id\":\"r3\"},{\"id\":\"r4\"}],\"hasMore\":true}")));
        wireMock().stubFor(get(urlPathEqualTo(API + "/idr/g1/runs")).withQueryParam("offset", equalTo("4"))
                .willReturn(okJson("{\"data\":[],\"hasMore\":true}")));

        Exchange exchange = send("hightouch:listIdrRuns?graphId=g1&limit=2", null, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).hasSize(4);
    }
}
