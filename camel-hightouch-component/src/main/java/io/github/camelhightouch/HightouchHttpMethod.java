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

/**
 * The HTTP methods a {@code raw} call may use. The Hightouch API has no DELETE operation today, but the manual mode
 * allows every method so that new endpoints can be reached without a component release.
 */
public enum HightouchHttpMethod {
    GET(false),
    POST(true),
    PUT(true),
    PATCH(true),
    DELETE(false);

    private final boolean bodyAllowed;

    HightouchHttpMethod(boolean bodyAllowed) {
        this.bodyAllowed = bodyAllowed;
    }

    /**
     * Whether a request with this method carries the message body.
     */
    public boolean isBodyAllowed() {
        return bodyAllowed;
    }
}
