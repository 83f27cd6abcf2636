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
package io.github.camelhightouch.internal.call;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;

/**
 * One rate limiter per API key for a whole CamelContext, shared by every endpoint and route using that key: the
 * Hightouch limit is per workspace, and a key is workspace-wide. Keys are held as digests, never in clear.
 */
public final class RateLimiters {

    private final Map<String, RequestRateLimiter> limiters = new ConcurrentHashMap<>();
    private int startedComponents;

    /**
     * The registry of a CamelContext, created on first use.
     */
    public static RateLimiters of(CamelContext context) {
        synchronized (context) {
            RateLimiters registry = context.getCamelContextExtension().getContextPlugin(RateLimiters.class);
            if (registry == null) {
                registry = new RateLimiters();
                context.getCamelContextExtension().addContextPlugin(RateLimiters.class, registry);
            }
            return registry;
        }
    }

    /**
     * The limiter of a key, created with these settings by the first endpoint that asks for it.
     */
    public RequestRateLimiter forKey(String apiKey, int permits, long periodMillis, int maxQueued) {
        return forKey(apiKey, permits, periodMillis, maxQueued, 0);
    }

    /**
     * The limiter of a key, created with these settings (and this change share) by the first endpoint that asks for
     * it.
     */
    public RequestRateLimiter forKey(String apiKey, int permits, long periodMillis, int maxQueued, int changeShare) {
        return limiters.computeIfAbsent(digest(apiKey),
                k -> new RequestRateLimiter(permits, periodMillis, maxQueued, changeShare));
    }

    /** The limiters there are now, for their figures. */
    public Collection<RequestRateLimiter> all() {
        return List.copyOf(limiters.values());
    }

    /** A component of the context started: it may ask for limiters. */
    public synchronized void componentStarted() {
        startedComponents++;
    }

    /**
     * A component stopped; when none is left (the context stops), the limiters go, so that a context started again
     * behaves as a new one.
     */
    public synchronized void componentStopped() {
        if (--startedComponents <= 0) {
            startedComponents = 0;
            limiters.clear();
        }
    }

    private static String digest(String apiKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
