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
package io.github.camelhightouch.examples;

import java.util.Map;

/**
 * Each line of the records file says what it is: {@code "kind": "source"} or {@code "kind": "model"}. The kind is
 * for the route only; Hightouch refuses fields it does not know, so it is taken out of the record before sending.
 */
public class RecordKind {

    public static final String SOURCE = "source";
    public static final String MODEL = "model";

    /**
     * Removes the kind field from the record and returns it.
     *
     * @throws IllegalArgumentException when the record has no kind or an unknown one
     */
    public String take(Map<String, Object> record) {
        Object kind = record.remove("kind");
        if (!SOURCE.equals(kind) && !MODEL.equals(kind)) {
            throw new IllegalArgumentException(
                    "kind: must be \"" + SOURCE + "\" or \"" + MODEL + "\", got " + (kind == null ? "nothing" : "\"" + kind + "\""));
        }
        return (String) kind;
    }
}
