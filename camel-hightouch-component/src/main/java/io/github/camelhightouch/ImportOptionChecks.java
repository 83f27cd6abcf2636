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

import java.util.EnumSet;
import java.util.Set;

import io.github.camelhightouch.internal.body.IdResolver.Id;
import io.github.camelhightouch.internal.http.RequestContentType;
import io.github.camelhightouch.internal.operation.SlugLookup;

/**
 * The checks of the import options (onConflict, skipColumnQuery), of reading by slug, and of raw's contentType, run
 * with {@link OptionChecks}: a bad value fails the route at start naming the option.
 */
final class ImportOptionChecks {

    /** The get operations that also read a resource by its slug. */
    static final Set<HightouchOperation> READS_BY_SLUG = EnumSet.of(HightouchOperation.getSource,
            HightouchOperation.getModel, HightouchOperation.getDestination, HightouchOperation.getSync);

    private ImportOptionChecks() {
    }

    static void check(HightouchOperation operation, HightouchOperationOptions options) {
        if (!SlugLookup.convergesBySlug(operation) && options.getOnConflict() != null
                && options.getOnConflict() != HightouchOnConflict.fail) {
            throw new IllegalArgumentException("onConflict: is only for createSource, createModel, createDestination "
                                               + "and createSync, not for hightouch:" + operation);
        }
        if (SlugLookup.convergesBySlug(operation) && options.getOnConflict() == null) {
            throw new IllegalArgumentException("onConflict: must be one of fail, update, skip");
        }
        if (operation != HightouchOperation.createModel && options.isSkipColumnQuery()) {
            throw new IllegalArgumentException("skipColumnQuery: is only for createModel, not for hightouch:" + operation);
        }
        if (operation == HightouchOperation.raw) {
            String problem = RequestContentType.problem(options.getContentType());
            if (problem != null) {
                throw new IllegalArgumentException("contentType: " + problem);
            }
        } else if (!RequestContentType.isDefault(options.getContentType())) {
            throw new IllegalArgumentException("contentType: is only for hightouch:raw, not for hightouch:" + operation
                                               + " (its body is always JSON)");
        }
        if (READS_BY_SLUG.contains(operation) && options.getSlug() != null) {
            String problem = SlugLookup.problem(options.getSlug());
            if (problem != null) {
                throw new IllegalArgumentException("slug: " + problem);
            }
            SlugLookup.Kind kind = SlugLookup.Kind.of(operation);
            if (kind.idOption(options) != null) {
                Id id = kind.id();
                throw new IllegalArgumentException(id.option() + ", slug: set one of them for hightouch:" + operation
                                                   + ", not both");
            }
        }
    }
}
