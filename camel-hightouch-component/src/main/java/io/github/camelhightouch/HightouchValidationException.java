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
package io.github.camelhightouch;

import java.util.List;

import io.github.camelhightouch.internal.BoundedText;

/**
 * A record or an option value that Hightouch would refuse, found before any request was made. The record stays on
 * the exchange, untouched, for the error handler.
 * <p>
 * The exception message, which error handlers log, is at most {@value #MAX_MESSAGE_CHARS} characters: it lists the
 * first violations (each cut to {@value #MAX_VIOLATION_CHARS} characters and marked {@code ...(cut, N chars)}) and
 * ends with {@code and M more} when the others do not fit. {@link #getViolations()} keeps every one, whole.
 */
public class HightouchValidationException extends HightouchException {

    private static final long serialVersionUID = 1L;

    /** The longest exception message. */
    public static final int MAX_MESSAGE_CHARS = 4096;

    /** The longest text of one violation in the message. */
    public static final int MAX_VIOLATION_CHARS = 512;

    /** Room kept at the end of the message for {@code ; and M more}. */
    private static final int MORE_ROOM = 32;

    private final String operation;
    private final List<Violation> violations;

    /**
     * The problems found in the input of an operation.
     *
     * @param operation  the operation, e.g. {@code createSource}
     * @param violations every problem, at least one
     */
    public HightouchValidationException(String operation, List<Violation> violations) {
        super(describe(operation, violations));
        this.operation = operation;
        this.violations = List.copyOf(violations);
    }

    /**
     * The operation whose input was refused.
     */
    public String getOperation() {
        return operation;
    }

    /**
     * Every problem found, each naming the field and the reason.
     */
    public List<Violation> getViolations() {
        return violations;
    }

    private static String describe(String operation, List<Violation> violations) {
        StringBuilder sb = new StringBuilder(256).append("Invalid input for hightouch:")
                .append(BoundedText.cut(operation, 100)).append(" (").append(violations.size())
                .append(violations.size() == 1 ? " problem" : " problems").append(", no request was sent): ");
        int listed = 0;
        for (Violation violation : violations) {
            String text = BoundedText.cut(String.valueOf(violation), MAX_VIOLATION_CHARS);
            int room = MAX_MESSAGE_CHARS - (listed + 1 < violations.size() ? MORE_ROOM : 0);
            if (sb.length() + 2 + text.length() > room) {
                break;
            }
            sb.append(listed == 0 ? "" : "; ").append(text);
            listed++;
        }
        if (listed < violations.size()) {
            sb.append(listed == 0 ? "" : "; ").append("and ").append(violations.size() - listed).append(" more");
        }
        return sb.toString();
    }

    /**
     * One problem: the field (a dotted path, {@code body} for the whole body, {@code [i].field} for an element of a
     * List body) and why it was refused.
     */
    public record Violation(String field, String reason) implements java.io.Serializable {
        @Override
        public String toString() {
            return field + ": " + reason;
        }
    }
}
