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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Endpoint;

/**
 * The API keys the health check probes: the component's own key when it has one, else the key of each started
 * hightouch endpoint of the component (keys set in the endpoint URI or by a Kamelet), each distinct base URL and key
 * once. Keys are held only to send the probe; nothing here prints them.
 */
final class HealthProbeTargets {

    /** One key to probe, with the settings (timeouts, rate limit) of the first component or endpoint that uses it. */
    record Target(String baseUrl, String apiKey, HightouchConfiguration configuration, boolean fromEndpoint) {
        @Override
        public String toString() {
            // a record's default toString would print the key
            return "Target[" + baseUrl + "]";
        }
    }

    private HealthProbeTargets() {
    }

    static List<Target> of(HightouchComponent component) {
        HightouchConfiguration own = component.getConfiguration();
        if (isSet(own.getApiKey())) {
            return List.of(new Target(own.getBaseUrl(), own.getApiKey(), own, false));
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        for (Endpoint endpoint : component.getCamelContext().getEndpoints()) {
            if (!(endpoint instanceof HightouchEndpoint hightouch) || hightouch.getComponent() != component
                || !hightouch.isStarted() || hightouch.getOperation() == null || hightouch.getOperation().isEvent()) {
                continue;
            }
            HightouchConfiguration configuration = hightouch.getConfiguration();
            if (!isSet(configuration.getApiKey())) {
                continue;
            }
            // the key never leaves this map's keys, which are never printed
            targets.putIfAbsent(configuration.getBaseUrl() + "\n" + configuration.getApiKey(),
                    new Target(configuration.getBaseUrl(), configuration.getApiKey(), configuration, true));
        }
        return new ArrayList<>(targets.values());
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
