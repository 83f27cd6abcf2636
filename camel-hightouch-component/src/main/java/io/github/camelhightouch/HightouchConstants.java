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

import org.apache.camel.spi.Metadata;

/**
 * The message headers the Hightouch component sets or reads.
 */
public final class HightouchConstants {

    /** The HTTP status Hightouch answered with. */
    @Metadata(label = "producer", description = "The HTTP status code of the Hightouch response.",
              javaType = "Integer")
    public static final String RESPONSE_CODE = "CamelHightouchResponseCode";

    /** The id of the created or returned resource. */
    @Metadata(label = "producer",
              description = "The id of the resource Hightouch created or returned (the `id` field of the response), "
                            + "when the response has one.",
              javaType = "Object")
    public static final String RESOURCE_ID = "CamelHightouchResourceId";

    /** How many attempts the call took. */
    @Metadata(label = "producer",
              description = "How many HTTP attempts the call took (1 when it was not retried); set on success and on "
                            + "failure.",
              javaType = "Integer")
    public static final String ATTEMPTS = "CamelHightouchAttempts";

    private HightouchConstants() {
    }
}
