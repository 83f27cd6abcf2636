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

import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchSlugLookupException;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.testing.HightouchTestSupport;
import io.github.camelhightouch.testing.StandInWorkspace;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * getSource, getModel, getDestination and getSync by slug: one GET /<kind>?slug=, exactly one match or a clear error,
 * the slug only ever a query value however it is written, and id and slug never both.
 */
class GetBySlugTest extends HightouchTestSupport {

    static Stream<Arguments> kinds() {
        return Stream.of(Arguments.of("getSource", "sources", HightouchConstants.SOURCE_ID, "sourceId"),
                Arguments.of("getModel", "models", HightouchConstants.MODEL_ID, "modelId"),
                Arguments.of("getDestination", "destinations", HightouchConstants.DESTINATION_ID, "destinationId"),
                Arguments.of("getSync", "syncs", HightouchConstants.SYNC_ID, "syncId"));
    }

    private StandInWorkspace workspace() {
        return new StandInWorkspace().install(HIGHTOUCH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theSlugOptionReadsTheOneResourceWithIt(String operation, String kind, String idHeader, String idOption) {
        StandInWorkspace workspace = workspace();
        workspace.add(kind, Map.of("slug", "other"));
        long id = workspace.add(kind, Map.of("slug", "mine", "name", "Mine"));

        Exchange exchange = send("hightouch:" + operation + "?slug=mine", null);

        assertThat(exchange.getException()).isNull();
        assertThat(((Map<?, ?>) exchange.getMessage().getBody()).get("slug")).isEqualTo("mine");
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESOURCE_ID)).isEqualTo((int) id);
        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getUrl).containsExactly("/api/v1/" + kind + "?slug=mine");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theSlugHeaderReplacesTheOption(String operation, String kind, String idHeader, String idOption) {
        StandInWorkspace workspace = workspace();
        workspace.add(kind, Map.of("slug", "from-header"));

        Exchange exchange = send("hightouch:" + operation + "?slug=from-option", null,
                Map.of(HightouchConstants.SLUG, "from-header"));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getUrl)
                .containsExactly("/api/v1/" + kind + "?slug=from-header");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anIdHeaderWinsOverTheSlugOption(String operation, String kind, String idHeader, String idOption) {
        StandInWorkspace workspace = workspace();
        long id = workspace.add(kind, Map.of("slug", "x"));

        Exchange exchange = send("hightouch:" + operation + "?slug=x", null, Map.of(idHeader, String.valueOf(id)));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getUrl).containsExactly("/api/v1/" + kind + "/" + id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aSlugHeaderWinsOverTheIdOption(String operation, String kind, String idHeader, String idOption) {
        StandInWorkspace workspace = workspace();
        workspace.add(kind, Map.of("slug", "x"));

        Exchange exchange = send("hightouch:" + operation + "?" + idOption + "=999", null,
                Map.of(HightouchConstants.SLUG, "x"));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).extracting(LoggedRequest::getUrl).containsExactly("/api/v1/" + kind + "?slug=x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anIdHeaderAndASlugHeaderTogetherAreRefusedAndNothingIsSent(String operation, String kind, String idHeader,
                                                                  String idOption) {
        Exchange exchange = send("hightouch:" + operation, null, Map.of(idHeader, "42", HightouchConstants.SLUG, "x"));

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("both are set");
        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(Violation::field)
                .containsExactly("header " + idHeader + ", header " + HightouchConstants.SLUG);
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anIdOptionAndASlugOptionTogetherFailTheEndpoint(String operation, String kind, String idHeader, String idOption) {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:" + operation + "?" + idOption + "=42&slug=x"))
                .hasStackTraceContaining(idOption + ", slug: set one of them");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void neitherIdNorSlugIsRefusedNamingBoth(String operation, String kind, String idHeader, String idOption) {
        Exchange exchange = send("hightouch:" + operation, null);

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining(idOption).hasMessageContaining(HightouchConstants.SLUG);
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void noMatchIsAClearNotFound() {
        workspace().add("sources", Map.of("slug", "pg-old"));

        Exchange exchange = send("hightouch:getSource?slug=pg", null);

        assertThat(exchange.getException()).isInstanceOf(HightouchSlugLookupException.class)
                .hasMessage("hightouch:getSource: GET " + HIGHTOUCH.baseUrl() + "/sources?slug=pg found no source with "
                            + "the slug \"pg\"");
        assertThat(((HightouchSlugLookupException) exchange.getException()).isNotFound()).isTrue();
    }

    @Test
    void twoMatchesAreNeverGuessedBetween() {
        StandInWorkspace workspace = workspace();
        workspace.add("syncs", Map.of("slug", "nightly"));
        workspace.add("syncs", Map.of("slug", "nightly"));

        Exchange exchange = send("hightouch:getSync?slug=nightly", null);

        assertThat(exchange.getException()).isInstanceOf(HightouchSlugLookupException.class)
                .hasMessageContaining("found 2 syncs");
    }

    @Test
    void throwExceptionOnFailureFalseGivesAFailedLookupAsTheBody() {
        wireMock().stubFor(get(urlPathEqualTo("/api/v1/models")).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)));

        Exchange exchange = send("hightouch:getModel?slug=m&throwExceptionOnFailure=false", null);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(HightouchConstants.RESPONSE_CODE)).isEqualTo(401);
    }

    @ParameterizedTest(name = "slug {0}")
    @ValueSource(strings = { "../../admin", "a/b", "x?limit=1&slug=y", "%2e%2e", "a#b", "a&orderBy=name", "/sources/1",
                             "http://127.0.0.1:1/x", "a b", "é", "%0d%0aHost: evil", "\\..\\x", "a+b", "100%" })
    void aSlugIsOnlyEverTheValueOfTheSlugParameter(String slug) {
        wireMock().stubFor(get(urlPathEqualTo("/api/v1/sources")).willReturn(
                okJson("{\"data\":[{\"id\":1,\"slug\":" + JSON.valueToTree(slug) + "}]}")));

        Exchange exchange = send("hightouch:getSource", null, Map.of(HightouchConstants.SLUG, slug));

        assertThat(exchange.getException()).isNull();
        assertThat(HIGHTOUCH.requests()).hasSize(1);
        LoggedRequest request = HIGHTOUCH.requests().get(0);
        assertThat(request.getUrl()).startsWith("/api/v1/sources?slug=");
        assertThat(request.getQueryParams()).containsOnlyKeys("slug");
        assertThat(request.queryParameter("slug").values()).containsExactly(slug);
    }

    @ParameterizedTest(name = "slug header {0}")
    @ValueSource(strings = { "", " ", "a\r\nb", "a\u0000", "\t" })
    void aSlugHeaderThatCannotBeASlugIsRefusedNamingTheHeader(String slug) {
        Exchange exchange = send("hightouch:getSource", null, Map.of(HightouchConstants.SLUG, slug));

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class);
        assertThat(((HightouchValidationException) exchange.getException()).getViolations()).extracting(Violation::field)
                .containsExactly("header " + HightouchConstants.SLUG);
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @Test
    void aSlugHeaderThatIsNotTextIsRefused() {
        Exchange exchange = send("hightouch:getSource", null, Map.of(HightouchConstants.SLUG, Map.of("slug", "x")));

        assertThat(exchange.getException()).isInstanceOf(HightouchValidationException.class)
                .hasMessageContaining("must be a String");
        assertThat(HIGHTOUCH.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "getSyncRun?syncId=1&syncRunId=2&slug=x", "updateSource?sourceId=1&slug=x",
                             "createSource?slug=x", "triggerSync?syncId=1&slug=x" })
    void theSlugOptionIsRefusedWhereItMeansNothing(String uri) {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:" + uri)).hasStackTraceContaining("slug: is only for");
    }

    @Test
    void aSlugOptionWithAControlCharacterFailsTheEndpoint() {
        assertThatThrownBy(() -> context.getEndpoint("hightouch:getSource?slug=a%01b"))
                .hasStackTraceContaining("slug: must not contain control characters");
    }
}
