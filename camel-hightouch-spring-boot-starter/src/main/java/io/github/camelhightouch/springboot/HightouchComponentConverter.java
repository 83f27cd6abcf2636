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

import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.HightouchConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Turns bean references (#bean:name or #name) in camel.component.hightouch.configuration and
 * camel.component.hightouch.object-mapper into the beans of the application.
 */
@AutoConfiguration
public class HightouchComponentConverter {

    @Bean
    @ConfigurationPropertiesBinding
    public static GenericConverter hightouchBeanReferenceConverter(ApplicationContext applicationContext) {
        return new BeanReferenceConverter(applicationContext);
    }

    static final class BeanReferenceConverter implements GenericConverter {

        private final ApplicationContext applicationContext;

        BeanReferenceConverter(ApplicationContext applicationContext) {
            this.applicationContext = applicationContext;
        }

        @Override
        public Set<ConvertiblePair> getConvertibleTypes() {
            Set<ConvertiblePair> pairs = new LinkedHashSet<>();
            pairs.add(new ConvertiblePair(String.class, HightouchConfiguration.class));
            pairs.add(new ConvertiblePair(String.class, ObjectMapper.class));
            return pairs;
        }

        @Override
        public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
            if (source == null) {
                return null;
            }
            String reference = source.toString();
            if (!reference.startsWith("#")) {
                throw new IllegalArgumentException("must be a bean reference such as #bean:name, got " + reference);
            }
            String name = reference.startsWith("#bean:") ? reference.substring(6) : reference.substring(1);
            return applicationContext.getBean(name, targetType.getType());
        }
    }
}
