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

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.github.camelhightouch.HightouchBatchException;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchSlugLookupException;
import io.github.camelhightouch.testing.HightouchTestSupport;
import io.github.camelhightouch.testing.StandInWorkspace;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A List body with onConflict and throwExceptionOnFailure=false: an element whose lookup answers outside 2xx has no
 * outcome and no id (its answer is its result), and the List goes on. When a later element then fails, the exchange
 * must still end, once, with the HightouchBatchException that says where it stopped, whether that failure comes at
 * once or after a retry (on another thread).
 */
class ListFailureAfterAnUnansweredElementTest extends HightouchTestSupport {

    private static ResponseDefinition json(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)
                .build();
    }

    @ParameterizedTest(name = "the failure comes {0}")
    @ValueSource(strings = { "at once", "after a retry" })
    void theExchangeEndsWithTheBatchException(String when) throws Exception {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH);
        workspace.add("sources", source("a"));
        workspace.add("sources", source("b"));
        // a: 409, then its lookup answers 404: no outcome, no id, the List goes on
        workspace.answerNext("GET", "sources", json(404, "{\"message\":\"Not found\"}"), false);
        // b: 409, then (after a retried 500 when asked) a lookup with two matches: a HightouchSlugLookupException
        if (when.equals("after a retry")) {
            workspace.answerNext("GET", "sources", json(500, "\"Internal Server Error\""), false);
        }
        workspace.answerNext("GET", "sources",
                json(200, "{\"data\":[{\"id\":1,\"slug\":\"b\"},{\"id\":2,\"slug\":\"b\"}],\"hasMore\":false}"), false);

        CompletableFuture<Exchange> call = template.asyncSend(
                "hightouch:createSource?onConflict=skip&throwExceptionOnFailure=false&retryBaseDelay=1&maxRetryDelay=20",
                e -> e.getMessage().setBody(List.of(source("a"), source("b"), source("c"))));
        Exchange exchange = call.get(30, TimeUnit.SECONDS);

        assertThat(exchange.getException()).isInstanceOf(HightouchBatchException.class)
                .hasCauseInstanceOf(HightouchSlugLookupException.class);
        HightouchBatchException batch = (HightouchBatchException) exchange.getException();
        assertThat(batch.getFailedIndex()).isEqualTo(1);
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_OUTCOME))
                .isEqualTo(Arrays.asList((Object) null));
        assertThat(workspace.all("sources")).as("c was not sent").hasSize(2);
    }
}
