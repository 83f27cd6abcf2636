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
import java.util.stream.Collectors;

/**
 * A record or an option value that Hightouch would refuse, found before any request was made. The record stays on
 * the exchange, untouched, for the error handler.
 */
public class HightouchValidationException extends HightouchException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final List<Violation> violations;

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
        return "Invalid input for hightouch:" + operation + " (" + violations.size()
               + (violations.size() == 1 ? " problem" : " problems") + ", no request was sent): "
               + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
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
