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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a model of the records file name its source by slug ({@code "sourceSlug": "warehouse"}) instead of an id it
 * cannot know in advance: the ids of the sources created in this run are remembered by slug, and a model's sourceSlug
 * becomes the sourceId Hightouch expects.
 */
public class SourceIds {

    public static final String SOURCE_SLUG = "sourceSlug";

    private final Map<String, Object> idsBySlug = new ConcurrentHashMap<>();

    /** Remembers a created source, given Hightouch's answer (which carries its id and slug). */
    public void remember(Map<String, Object> createdSource) {
        Object slug = createdSource.get("slug");
        Object id = createdSource.get("id");
        if (slug != null && id != null) {
            idsBySlug.put(slug.toString(), id);
        }
    }

    /**
     * Replaces the model's sourceSlug by the sourceId of the source created with that slug. A model that gives its
     * sourceId directly is left as it is.
     *
     * @throws IllegalArgumentException when no source with that slug was created in this run
     */
    public void resolve(Map<String, Object> model) {
        Object slug = model.remove(SOURCE_SLUG);
        if (slug == null) {
            return;
        }
        Object id = idsBySlug.get(slug.toString());
        if (id == null) {
            throw new IllegalArgumentException(
                    SOURCE_SLUG + ": no source with slug '" + slug + "' was created in this run");
        }
        model.put("sourceId", id);
    }
}
