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
package io.github.camelhightouch.springboot;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchConfiguration;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;

/**
 * Copies the camel.component.hightouch.* properties that are set onto a Hightouch component that Camel creates. A
 * Hightouch component declared as a bean by the application is left as the application configured it: its options
 * are never overwritten by properties.
 */
public class HightouchComponentCustomizer implements ComponentCustomizer {

    private static final Logger LOG = LoggerFactory.getLogger(HightouchComponentCustomizer.class);

    private final ApplicationContext applicationContext;
    private final HightouchComponentConfiguration properties;

    public HightouchComponentCustomizer(ApplicationContext applicationContext, HightouchComponentConfiguration properties) {
        this.applicationContext = applicationContext;
        this.properties = properties;
    }

    @Override
    public boolean isEnabled(String name, Component target) {
        if (!(target instanceof HightouchComponent)) {
            return false;
        }
        if (!HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                "camel.component.hightouch.customizer")) {
            return false;
        }
        if (isApplicationBean(target)) {
            LOG.info("The {} component is a bean of the application: camel.component.hightouch.* properties are not "
                     + "applied to it", name);
            return false;
        }
        return true;
    }

    @Override
    public void configure(String name, Component target) {
        copy(properties, (HightouchComponent) target);
    }

    /**
     * Sets every property that has a value on the component; unset ones keep the component's defaults. A whole
     * configuration bean is set first, so that single properties apply on top of it.
     */
    static void copy(HightouchComponentConfiguration from, HightouchComponent to) {
        if (from.getConfiguration() != null) {
            to.setConfiguration(from.getConfiguration().copy());
        }
        if (to.getConfiguration() == null) {
            to.setConfiguration(new HightouchConfiguration());
        }
        HightouchConfiguration configuration = to.getConfiguration();
        set(from.getApiKey(), configuration::setApiKey);
        set(from.getBaseUrl(), configuration::setBaseUrl);
        setMillis(from.getConnectTimeout(), configuration::setConnectTimeout);
        setMillis(from.getResponseTimeout(), configuration::setResponseTimeout);
        setMillis(from.getRequestTimeout(), configuration::setRequestTimeout);
        set(from.getMaxRetries(), configuration::setMaxRetries);
        setMillis(from.getRetryBaseDelay(), configuration::setRetryBaseDelay);
        setMillis(from.getMaxRetryDelay(), configuration::setMaxRetryDelay);
        set(from.getRateLimit(), configuration::setRateLimit);
        setMillis(from.getRateLimitPeriod(), configuration::setRateLimitPeriod);
        set(from.getMaxBodySize(), configuration::setMaxBodySize);
        set(from.getThrowExceptionOnFailure(), configuration::setThrowExceptionOnFailure);
        set(from.getValidate(), configuration::setValidate);
        set(from.getRateLimitQueueSize(), configuration::setRateLimitQueueSize);
        set(from.getRateLimitChangeShare(), configuration::setRateLimitChangeShare);
        set(from.getWriteKey(), configuration::setWriteKey);
        set(from.getEventsUrl(), configuration::setEventsUrl);
        set(from.getBatchSize(), configuration::setBatchSize);
        set(from.getBatchBytes(), configuration::setBatchBytes);
        setMillis(from.getLingerMs(), configuration::setLingerMs);
        set(from.getMaxQueuedEvents(), configuration::setMaxQueuedEvents);
        set(from.getQueueFullPolicy(), configuration::setQueueFullPolicy);
        setMillis(from.getFlushTimeout(), configuration::setFlushTimeout);
        set(from.getProgressLoggingLevel(), configuration::setProgressLoggingLevel);
        set(from.getMaxConnections(), to::setMaxConnections);
        set(from.getWorkerPoolSize(), to::setWorkerPoolSize);
        set(from.getWaitPoolSize(), to::setWaitPoolSize);
        set(from.getBridgeErrorHandler(), to::setBridgeErrorHandler);
        set(from.getObjectMapper(), to::setObjectMapper);
        set(from.getLazyStartProducer(), to::setLazyStartProducer);
        set(from.getAutowiredEnabled(), to::setAutowiredEnabled);
        set(from.getHealthCheckConsumerEnabled(), to::setHealthCheckConsumerEnabled);
        set(from.getHealthCheckProducerEnabled(), to::setHealthCheckProducerEnabled);
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static void setMillis(Duration value, LongConsumer setter) {
        if (value != null) {
            setter.accept(value.toMillis());
        }
    }

    private boolean isApplicationBean(Component target) {
        // only singletons already created: never triggers the creation of a bean
        for (String beanName : applicationContext.getBeanNamesForType(HightouchComponent.class, false, false)) {
            if (applicationContext.getBean(beanName) == target) {
                return true;
            }
        }
        return false;
    }
}
