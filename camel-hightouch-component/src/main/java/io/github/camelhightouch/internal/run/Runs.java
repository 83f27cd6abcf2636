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
package io.github.camelhightouch.internal.run;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;


/**
 * Small helpers for runs as Hightouch answers them: ids as text, finding a run in a list page.
 */
public final class Runs {

    private Runs() {
    }

    /**
     * An id as text: numbers without a fraction part ({@code 42}, {@code 42.0}) as digits, anything else as it is.
     */
    public static String idText(Object id) {
        if (id == null) {
            return null;
        }
        if (id instanceof Number number) {
            try {
                return new BigDecimal(number.toString()).toBigIntegerExact().toString();
            } catch (ArithmeticException | NumberFormatException e) {
                return number.toString();
            }
        }
        return id.toString();
    }

    /**
     * The id of the run a trigger answered, as text: a non-blank string or a number; null for anything else (none, an
     * empty or blank string, an object, an array, a boolean), which names no run that a wait could ever find.
     */
    public static String triggeredRunId(Object id) {
        if (id instanceof CharSequence || id instanceof Number) {
            String text = idText(id);
            return text.isBlank() ? null : text;
        }
        return null;
    }

    /**
     * The run with the given id in a {@code {data: [...]}} answer, or null when it is not (yet) there.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> findRun(Object body, String runId) {
        if (body instanceof Map<?, ?> page && page.get("data") instanceof List<?> data) {
            for (Object item : data) {
                if (item instanceof Map<?, ?> run && runId.equals(idText(run.get("id")))) {
                    return (Map<String, Object>) run;
                }
            }
        }
        return null;
    }
}
