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
package io.github.camelhightouch.internal.observe;

import io.github.camelhightouch.internal.observe.micrometer.MicrometerObserver;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the metrics only when they can be: Micrometer is on the class path (checked by name, without loading any of
 * its classes through this one) and a {@code MeterRegistry} is in the Camel registry. {@link MicrometerObserver},
 * the only class that refers to Micrometer, is loaded only past that check.
 */
final class MetricsBinding {

    /** The class whose presence says that Micrometer is on the class path. */
    static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsBinding.class);

    private MetricsBinding() {
    }

    /** The metrics observer, or {@link HightouchObserver#NONE} without Micrometer or without a registry. */
    static HightouchObserver bind(CamelContext context, Observation observation) {
        if (!micrometerPresent()) {
            LOG.debug("Micrometer is not on the class path: the hightouch component records no metrics");
            return HightouchObserver.NONE;
        }
        HightouchObserver metrics = MicrometerObserver.bind(context, observation);
        return metrics != null ? metrics : HightouchObserver.NONE;
    }

    static boolean micrometerPresent() {
        try {
            Class.forName(METER_REGISTRY, false, MetricsBinding.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
