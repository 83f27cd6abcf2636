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
package io.github.camelhightouch.events;

import io.github.camelhightouch.HightouchComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.CamelContextHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel Main and Camel Quarkus log the {@code camel.component.hightouch.*} properties at startup and mask the keys
 * the context counts as sensitive: the component adds writeKey to those, as apiKey already is.
 */
class WriteKeySensitiveTest {

    @Test
    void theWriteKeyPropertyIsSensitiveOnceTheComponentIsInTheContext() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertThat(CamelContextHelper.containsSensitive(context, "camel.component.hightouch.writeKey"))
                    .as("Camel itself does not count writeKey as sensitive")
                    .isFalse();

            context.addComponent("hightouch", new HightouchComponent());

            assertThat(CamelContextHelper.containsSensitive(context, "camel.component.hightouch.writeKey")).isTrue();
            assertThat(CamelContextHelper.containsSensitive(context, "camel.component.hightouch.write-key")).isTrue();
            assertThat(CamelContextHelper.containsSensitive(context, "camel.component.hightouch.apiKey")).isTrue();
            assertThat(CamelContextHelper.containsSensitive(context, "camel.component.hightouch.baseUrl")).isFalse();
        }
    }

    @Test
    void theApplicationsOwnSensitiveKeywordsStay() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getCamelContextExtension().setAdditionalSensitiveKeywords("tenantcode");
            context.addComponent("hightouch", new HightouchComponent());
            context.addComponent("hightouch-eu", new HightouchComponent());

            assertThat(context.getCamelContextExtension().getAdditionalSensitiveKeywords())
                    .isEqualTo("tenantcode,writekey");
            assertThat(CamelContextHelper.containsSensitive(context, "camel.main.tenantCode")).isTrue();
        }
    }
}
