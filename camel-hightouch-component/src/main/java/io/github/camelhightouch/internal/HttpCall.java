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
package io.github.camelhightouch.internal;

import java.util.Map;

import io.github.camelhightouch.HightouchHttpMethod;

/**
 * One HTTP request to Hightouch, ready to send: method, full URL, JSON body (or null) and extra headers.
 *
 * @param operation    the component operation, for error messages
 * @param method       the HTTP method
 * @param url          the full URL, on the origin of the base URL
 * @param body         the serialized JSON body, or null for none
 * @param extraHeaders extra request headers (the raw {@code header.*} options), never null
 */
public record HttpCall(String operation, HightouchHttpMethod method, String url, byte[] body,
        Map<String, String> extraHeaders) {
}
