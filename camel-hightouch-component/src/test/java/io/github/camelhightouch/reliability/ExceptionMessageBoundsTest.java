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
package io.github.camelhightouch.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchRunException;
import io.github.camelhightouch.HightouchSyncRunException;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.HightouchWaitTimeoutException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messages of HightouchApiException, HightouchValidationException and the run exceptions stay within a few KB
 * whatever they are built from, while their getters keep everything.
 */
class ExceptionMessageBoundsTest {

    private static final int MESSAGE_BOUND = 4096;

    @Test
    void aHundredThousandViolationsListTheFirstOnesAndCountTheRest() {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            violations.add(new Violation("[" + i + "].slug", "must be a non-empty string, got number " + i));
        }

        HightouchValidationException e = new HightouchValidationException("createSource", violations);

        assertThat(e.getMessage().length()).as("message length").isLessThanOrEqualTo(MESSAGE_BOUND);
        assertThat(e.getMessage()).startsWith("Invalid input for hightouch:createSource (100000 problems, no request was sent): "
                                              + "[0].slug: must be a non-empty string, got number 0; [1].slug:")
                .containsPattern("; and \\d+ more$");
        int listed = e.getMessage().split("; ").length - 1;
        assertThat(e.getMessage()).endsWith("; and " + (100_000 - listed) + " more");
        assertThat(e.getViolations()).hasSize(100_000).isEqualTo(violations);
    }

    @Test
    void aHugeReasonIsCut() {
        String reason = "is not valid JSON (" + "x".repeat(100_000) + ")";

        HightouchValidationException e = new HightouchValidationException("createSource",
                List.of(new Violation("body", reason)));

        assertThat(e.getMessage().length()).as("message length").isLessThanOrEqualTo(MESSAGE_BOUND);
        assertThat(e.getMessage()).contains("(1 problem, no request was sent): body: is not valid JSON (xxx")
                .containsPattern("\\.\\.\\.\\(cut, \\d+ chars\\)");
        assertThat(e.getViolations().get(0).reason()).isEqualTo(reason);
    }

    @Test
    void anApiExceptionBuiltWithHugePartsHasABoundedMessage() {
        String message = "m".repeat(100_000);
        Map<String, Object> details = Map.of("slug", "d".repeat(100_000), "name", List.of("n".repeat(100_000)));
        String url = "https://api.hightouch.com/api/v1/" + "u".repeat(100_000);

        HightouchApiException e = new HightouchApiException(422, message, details, "b".repeat(10_000), "createSource",
                "POST", url, 3);

        assertThat(e.getMessage().length()).as("message length").isLessThanOrEqualTo(MESSAGE_BOUND);
        assertThat(e.getMessage()).startsWith("Hightouch createSource (POST https://api.hightouch.com/api/v1/uuu")
                .contains(") failed with HTTP 422 after 3 attempts: mmm").contains(" details={");
        assertThat(e.getApiMessage()).isEqualTo(message);
        assertThat(e.getDetails()).isEqualTo(details);
        assertThat(e.getUrl()).isEqualTo(url);
    }

    @Test
    void aRunThatFailedWithAHugeOrDeepErrorHasABoundedMessage() {
        String error = "e".repeat(200_000);
        Object deep = "leaf";
        for (int i = 0; i < 100_000; i++) {
            deep = List.of(deep);
        }
        String id = "r".repeat(100_000);

        HightouchSyncRunException huge = new HightouchSyncRunException("waitForIdrRun", id, id, "FAILURE",
                Map.of("status", "FAILURE", "error", error));
        HightouchSyncRunException nested = new HightouchSyncRunException("triggerSync", "42", "7", "failed",
                Map.of("status", "failed", "error", deep));
        HightouchWaitTimeoutException timeout = new HightouchWaitTimeoutException("waitForSyncRun", id, id,
                "s".repeat(100_000), 1000, null,
                new IllegalStateException("p".repeat(100_000)));

        for (HightouchRunException e : List.of(huge, nested, timeout)) {
            assertThat(e.getMessage().length()).as("message length").isLessThanOrEqualTo(MESSAGE_BOUND);
        }
        assertThat(huge.getMessage()).startsWith("Hightouch waitForIdrRun: run rrr").contains("...(cut, ");
        assertThat(nested.getMessage()).startsWith("Hightouch triggerSync: run 7 of 42 finished with status failed: [[[");
        assertThat(huge.getRunError()).isEqualTo(error);
        assertThat(huge.getRunId()).isEqualTo(id);
        assertThat(timeout.getLastStatus()).hasSize(100_000);
    }

    @Test
    void detailsNestedDeeplyAreRenderedWithoutRecursingIntoEveryLevel() {
        Object details = "leaf";
        for (int i = 0; i < 100_000; i++) {
            details = List.of(details);
        }

        HightouchApiException e = new HightouchApiException(422, "Validation failed", details, "", "createSource",
                "POST", "http://127.0.0.1/api/v1/sources");

        assertThat(e.getMessage().length()).isLessThanOrEqualTo(MESSAGE_BOUND);
        assertThat(e.getMessage()).contains("HTTP 422: Validation failed details=[[[[");
    }

    @Property(tries = 100)
    void apiExceptionMessagesAreBounded(
            @ForAll @IntRange(min = 100, max = 599) int status, @ForAll @StringLength(max = 10_000) String message,
            @ForAll @StringLength(max = 10_000) String detail, @ForAll @StringLength(max = 10_000) String body,
            @ForAll @StringLength(max = 9_000) String url, @ForAll boolean withMessage) {
        HightouchApiException e = new HightouchApiException(status, withMessage ? message : null,
                detail.isEmpty() ? null : Map.of("field", detail), body, "createModel", "POST", url, 1);

        assertThat(e.getMessage().length()).isLessThanOrEqualTo(MESSAGE_BOUND);
        assertThat(e.getMessage()).startsWith("Hightouch createModel (POST ");
    }

    @Property(tries = 100)
    void validationMessagesAreBounded(@ForAll @IntRange(min = 1, max = 1_000) int count,
                                      @ForAll @StringLength(max = 2_000) String field,
                                      @ForAll @StringLength(max = 2_000) String reason) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            violations.add(new Violation(field + i, reason));
        }

        HightouchValidationException e = new HightouchValidationException("createModel", violations);

        assertThat(e.getMessage().length()).isLessThanOrEqualTo(MESSAGE_BOUND);
        assertThat(e.getMessage()).startsWith("Invalid input for hightouch:createModel (" + count);
        assertThat(e.getViolations()).hasSize(count);
    }
}
