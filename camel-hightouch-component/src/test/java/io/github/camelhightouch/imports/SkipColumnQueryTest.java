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
package io.github.camelhightouch.imports;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.testing.HightouchTestSupport;
import io.github.camelhightouch.testing.StandInWorkspace;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * createModel's skipColumnQuery query parameter: sent on the POST only when asked for, also by a create that
 * converges (never on its lookup or PATCH, which do not declare it), and refused on every other operation.
 */
class SkipColumnQueryTest extends HightouchTestSupport {

    @Test
    void skipColumnQueryIsAQueryParameterOfThePost() {
        new StandInWorkspace().install(HIGHTOUCH);

        Exchange exchange = send("hightouch:createModel?skipColumnQuery=true", model("users"));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getUrl)
                .containsExactly("/api/v1/models?skipColumnQuery=true");
        assertThat(bodyOf(HIGHTOUCH.requests().get(0)).has("skipColumnQuery")).as("not in the body").isFalse();
    }

    @Test
    void withoutTheOptionNoParameterIsSent() {
        new StandInWorkspace().install(HIGHTOUCH);

        send("hightouch:createModel", model("users"));

        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getUrl).containsExactly("/api/v1/models");
    }

    @Test
    void aConvergingCreateSendsItOnEachPostOnly() {
        StandInWorkspace workspace = new StandInWorkspace().install(HIGHTOUCH);
        workspace.add("models", model("users"));

        Exchange exchange = send("hightouch:createModel?skipColumnQuery=true&onConflict=update",
                List.of(model("users"), model("orders")));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly(
                "POST /api/v1/models?skipColumnQuery=true", "GET /api/v1/models?slug=users", "PATCH /api/v1/models/101",
                "POST /api/v1/models?skipColumnQuery=true");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "createSource", "createSync", "getModel?modelId=1", "updateModel?modelId=1",
                             "raw?url=/models", "listModels" })
    void skipColumnQueryIsOnlyForCreateModel(String uri) {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:" + uri + (uri.contains("?") ? "&" : "?")
                                                     + "skipColumnQuery=true"))
                .hasStackTraceContaining("skipColumnQuery: is only for createModel");
    }
}
