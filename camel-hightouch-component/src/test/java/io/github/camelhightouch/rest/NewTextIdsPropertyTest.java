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
package io.github.camelhightouch.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchOperationOptions;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The ids of identity resolution, campaigns, event contracts and domains and the decision engine, which Hightouch
 * types as strings: any text is accepted exactly when the text-id rule (written here independently) allows it, is
 * sent trimmed and otherwise as given, and fills exactly one segment of every path it appears in, whatever slashes,
 * query or fragment characters, percent signs or spaces it holds.
 */
class NewTextIdsPropertyTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();
    private static final Set<Id> NEW_IDS = EnumSet.of(Id.GRAPH, Id.IDR_RUN, Id.IDR_REQUEST, Id.CAMPAIGN,
            Id.CAMPAIGN_SEND, Id.CONTRACT, Id.DOMAIN, Id.FLOW, Id.FLOW_MESSAGE);

    /** The rule: the trimmed text, when it is 1 to 256 characters, without control characters, not . or .. */
    static Optional<String> expected(String value) {
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > 256 || ".".equals(trimmed) || "..".equals(trimmed)
            || trimmed.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(trimmed);
    }

    @Provide
    Arbitrary<Id> ids() {
        return Arbitraries.of(NEW_IDS);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("/?#%&=.+ \t\n\\;:@a1").ofMaxLength(20),
                Arbitraries.strings().alpha().ofMinLength(250).ofMaxLength(260),
                Arbitraries.of(".", "..", " .. ", "../x", "%2e%2e", "a/../b", "?x=1", "#top", "é/ü", "😀", "007"));
    }

    @Property(tries = 1500)
    void aHeaderIdIsAcceptedExactlyByTheRuleAndFillsOneSegment(@ForAll("ids") Id id, @ForAll("texts") String value) {
        Message message = new DefaultMessage(CAMEL);
        message.setHeader(id.header(), value);
        Optional<String> expected = expected(value);

        Throwable refusal = catchThrowable(() -> {
            String accepted = new IdResolver("test", new HightouchOperationOptions()).require(id, message);
            assertThat(accepted).isEqualTo(expected.orElse("<refused>"));
            for (HightouchOperation operation : HightouchOperation.values()) {
                if (operation.getPath() != null && operation.getPath().contains(id.placeholder())) {
                    assertOneSegment(operation.getPath(), id, accepted);
                }
            }
        });

        if (expected.isPresent()) {
            assertThat(refusal).as("%s=%s", id.option(), value).isNull();
        } else {
            assertThat(refusal).as("%s=%s", id.option(), value).isInstanceOf(HightouchValidationException.class);
            assertThat(((HightouchValidationException) refusal).getViolations()).extracting(Violation::field)
                    .containsExactly("header " + id.header());
        }
    }

    private static void assertOneSegment(String template, Id id, String accepted) {
        String path = IdResolver.expand(template, id, accepted);
        String[] templateSegments = template.split("/", -1);
        String[] segments = path.split("/", -1);
        assertThat(segments).hasSameSizeAs(templateSegments);
        for (int i = 0; i < segments.length; i++) {
            if (templateSegments[i].equals(id.placeholder())) {
                assertThat(segments[i]).doesNotContain("?", "#", " ").isNotIn(".", "..");
                assertThat(URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(accepted);
            }
        }
    }
}
