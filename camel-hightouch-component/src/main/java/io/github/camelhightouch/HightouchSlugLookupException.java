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

import io.github.camelhightouch.internal.BoundedText;

/**
 * A lookup by slug ({@code GET /sources?slug=...}) did not find exactly one resource with that slug: none, or more
 * than one (or a page that says more follow). Raised by the get operations with a slug, and by a create with
 * {@code onConflict=update} or {@code skip} after a 409 (its cause is then the 409 {@link HightouchApiException}).
 * Nothing was changed in Hightouch by the lookup.
 */
public class HightouchSlugLookupException extends HightouchException {

    private static final long serialVersionUID = 1L;

    /** {@link #getMatches()} when the answer said more items follow: the count is not known. */
    public static final int MORE_THAN_ONE_PAGE = -1;

    private final String operation;
    private final String slug;
    private final int matches;

    /**
     * @param operation the operation that looked the slug up, e.g. {@code getSource}
     * @param kind      what was looked up, e.g. {@code source}
     * @param slug      the slug
     * @param url       the URL of the lookup, for the message
     * @param matches   how many resources had exactly that slug, or {@link #MORE_THAN_ONE_PAGE}
     * @param conflict  whether a 409 (conflict) answer to a create led to the lookup
     * @param cause     the 409 {@link HightouchApiException}, or null
     */
    public HightouchSlugLookupException(String operation, String kind, String slug, String url, int matches,
                                        boolean conflict, Throwable cause) {
        super(describe(operation, kind, slug, url, matches, conflict, cause), cause);
        this.operation = operation;
        this.slug = slug;
        this.matches = matches;
    }

    /** The operation that looked the slug up. */
    public String getOperation() {
        return operation;
    }

    /** The slug looked up. */
    public String getSlug() {
        return slug;
    }

    /** How many resources had exactly that slug (0, or 2 and more), or {@link #MORE_THAN_ONE_PAGE}. */
    public int getMatches() {
        return matches;
    }

    /** Whether no resource had the slug. */
    public boolean isNotFound() {
        return matches == 0;
    }

    private static String describe(String operation, String kind, String slug, String url, int matches,
                                   boolean conflict, Throwable cause) {
        StringBuilder sb = new StringBuilder(256).append("hightouch:").append(operation).append(": ");
        if (conflict) {
            sb.append("Hightouch answered 409 (conflict) and ");
        }
        sb.append("GET ").append(BoundedText.cut(url, 512));
        if (matches == 0) {
            sb.append(" found no ").append(kind).append(" with the slug \"").append(BoundedText.cut(slug, 256))
                    .append('"');
        } else if (matches == MORE_THAN_ONE_PAGE) {
            sb.append(" answered a page that says more ").append(kind).append("s follow; the slug \"")
                    .append(BoundedText.cut(slug, 256)).append("\" does not name exactly one");
        } else {
            sb.append(" found ").append(matches).append(' ').append(kind).append("s with the slug \"")
                    .append(BoundedText.cut(slug, 256)).append("\"; exactly one was expected");
        }
        if (conflict) {
            sb.append("; nothing was changed");
        }
        if (cause != null) {
            sb.append(". Cause: ").append(BoundedText.cut(String.valueOf(cause.getMessage()), 1024));
        }
        return sb.toString();
    }
}
