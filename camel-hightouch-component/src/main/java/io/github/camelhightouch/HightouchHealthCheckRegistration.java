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

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the component's {@link HightouchProducerHealthCheck} to the "producers" health check repository while the
 * component runs, when healthCheckProducerEnabled is true and camel-health is present. Producer checks are invoked
 * only when the producers repository is enabled (camel.health.producersEnabled=true).
 */
final class HightouchHealthCheckRegistration extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(HightouchHealthCheckRegistration.class);

    private final HightouchComponent component;
    private WritableHealthCheckRepository repository;
    private HightouchProducerHealthCheck check;

    HightouchHealthCheckRegistration(HightouchComponent component) {
        this.component = component;
    }

    @Override
    protected void doStart() throws Exception {
        if (!component.isHealthCheckProducerEnabled()) {
            return;
        }
        CamelContext context = component.getCamelContext();
        repository = HealthCheckHelper.getHealthCheckRepository(context, "producers", WritableHealthCheckRepository.class);
        if (repository == null) {
            LOG.debug("No producers health check repository: the Hightouch health check is not registered");
            return;
        }
        check = new HightouchProducerHealthCheck(component, nameOf(context));
        check.setCamelContext(context);
        repository.addHealthCheck(check);
        LOG.debug("Registered health check {}", check.getId());
    }

    @Override
    protected void doStop() throws Exception {
        if (repository != null && check != null) {
            repository.removeHealthCheck(check);
            LOG.debug("Removed health check {}", check.getId());
        }
        repository = null;
        check = null;
    }

    HightouchProducerHealthCheck getCheck() {
        return check;
    }

    /**
     * The name the component is registered under (hightouch, or the name of a second instance), so that two
     * Hightouch components get two checks. A component added to a context that already runs is started before it is
     * registered: it gets the first free name among hightouch, hightouch-2, hightouch-3...
     */
    private String nameOf(CamelContext context) {
        for (String name : context.getComponentNames()) {
            Component candidate = context.hasComponent(name);
            if (candidate == component) {
                return name;
            }
        }
        String name = component.getDefaultName() != null ? component.getDefaultName() : "hightouch";
        for (int i = 2; repository.getCheck("producer:" + name).isPresent(); i++) {
            name = component.getDefaultName() + "-" + i;
        }
        return name;
    }
}
