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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * The answers the local Hightouch stand-in's responders share: JSON bodies, and the 401 of a request without the key.
 */
final class StandInAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StandInAnswers() {
    }

    /** Whether the request carries {@code Authorization: Bearer <key>} with the stand-in's key. */
    static boolean isAuthorized(LoggedRequest request, String apiKey) {
        return ("Bearer " + apiKey).equals(request.getHeader("Authorization"));
    }

    /** Hightouch's answer to a request without a valid key. */
    static ResponseDefinition unauthorized() {
        return json(401, Map.of("message", "Unauthorized"));
    }

    /** An answer with the status and the body as JSON. */
    static ResponseDefinition json(int status, Object body) {
        try {
            return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stand-in's answer", e);
        }
    }
}
