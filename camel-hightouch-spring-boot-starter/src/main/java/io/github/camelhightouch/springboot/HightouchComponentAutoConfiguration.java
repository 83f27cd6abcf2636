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

import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Configures the Hightouch component from camel.component.hightouch.* properties. Switched off with
 * camel.component.hightouch.enabled=false (or camel.component.enabled=false for all components).
 */
@AutoConfiguration(after = { CamelAutoConfiguration.class, HightouchComponentConverter.class })
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.hightouch" })
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, HightouchComponentConfiguration.class })
public class HightouchComponentAutoConfiguration {

    @Lazy
    @Bean
    public ComponentCustomizer configureHightouchComponent(
            ApplicationContext applicationContext, HightouchComponentConfiguration properties) {
        return new HightouchComponentCustomizer(applicationContext, properties);
    }
}
