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
package io.github.camelhightouch.internal.operation;

import java.util.ArrayList;
import java.util.List;

import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.body.IdResolver;
import io.github.camelhightouch.internal.body.IdResolver.Id;
import org.apache.camel.Message;

/**
 * Fills the id placeholders of an operation's path ({@code /decision-engine/flow/{flowId}/messages/{flowMessageId}})
 * from the message headers or the endpoint options. Every missing or invalid id is reported, not only the first.
 */
final class PathIds {

    private final String template;
    private final List<Id> ids = new ArrayList<>();

    PathIds(String template) {
        this.template = template;
        for (Id id : Id.values()) {
            if (template.contains(id.placeholder())) {
                ids.add(id);
            }
        }
    }

    /**
     * The path with every id filled in and URL-encoded as one segment.
     *
     * @throws HightouchValidationException naming each id that is missing or invalid
     */
    String expand(String operation, IdResolver resolver, Message message) throws HightouchValidationException {
        List<Violation> problems = new ArrayList<>();
        String path = expand(resolver, message, problems);
        if (path == null) {
            throw new HightouchValidationException(operation, problems);
        }
        return path;
    }

    /**
     * The path with every id filled in, or null when an id is missing or invalid: its problems are added to the list,
     * so that the operation can report them with the body's.
     */
    String expand(IdResolver resolver, Message message, List<Violation> problems) {
        String path = template;
        boolean complete = true;
        for (Id id : ids) {
            try {
                path = IdResolver.expand(path, id, resolver.require(id, message));
            } catch (HightouchValidationException e) {
                problems.addAll(e.getViolations());
                complete = false;
            }
        }
        return complete ? path : null;
    }
}
