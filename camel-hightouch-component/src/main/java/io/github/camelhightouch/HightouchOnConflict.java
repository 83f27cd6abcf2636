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
 * What a create operation does when Hightouch answers 409 because a resource with the record's slug exists.
 */
public enum HightouchOnConflict {
    /** The exchange fails with the 409 {@link HightouchApiException}: the behaviour of a plain create. */
    fail,
    /**
     * The resource with the slug is looked up and the fields its PATCH accepts are sent to it; the body is the updated
     * resource and {@link HightouchConstants#RESOURCE_OUTCOME} says {@code updated}.
     */
    update,
    /**
     * The resource with the slug is looked up and left as it is; the body is that resource and
     * {@link HightouchConstants#RESOURCE_OUTCOME} says {@code skipped}.
     */
    skip
}
