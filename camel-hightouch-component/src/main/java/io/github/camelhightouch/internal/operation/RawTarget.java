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

import java.util.List;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.http.MessageUrl;
import org.apache.camel.Message;

/**
 * Where a raw call of one message goes: the CamelHightouchUrl header when the message has one, checked by
 * {@link MessageUrl}; else the endpoint's url option. Other operations ignore the header.
 */
final class RawTarget {

    private static final String FIELD = "header " + HightouchConstants.URL;

    private RawTarget() {
    }

    /**
     * The URL of the message's request.
     *
     * @throws HightouchValidationException naming the header, when it could lead off the API; nothing is sent
     */
    static String of(OperationContext context, Message message) throws HightouchValidationException {
        String fixed = context.requests().url();
        if (context.operation() != HightouchOperation.raw) {
            return fixed;
        }
        Object header = message.getHeader(HightouchConstants.URL);
        if (header == null) {
            return fixed;
        }
        try {
            return MessageUrl.resolve(context.api().origin(), header, FIELD);
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage().startsWith(FIELD + ": ") ? e.getMessage().substring(FIELD.length() + 2)
                    : e.getMessage();
            throw new HightouchValidationException(context.operation().name(), List.of(new Violation(FIELD, reason)));
        }
    }
}
