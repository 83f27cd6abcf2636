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

import java.io.InputStream;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Camel catalog and tooling read from the jar: component.properties (the list of components in the jar) and
 * the category of the component in hightouch.json.
 */
class CatalogEntryTest {

    @Test
    void theJarListsItsComponentInComponentProperties() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/org/apache/camel/component.properties")) {
            assertThat(in).as("META-INF/services/org/apache/camel/component.properties").isNotNull();
            properties.load(in);
        }
        assertThat(properties.getProperty("components")).isEqualTo("hightouch");
        assertThat(properties.getProperty("groupId")).isEqualTo("io.github.camelhightouch");
        assertThat(properties.getProperty("artifactId")).isEqualTo("camel-hightouch");
    }

    @Test
    void theComponentIsASaasApiInTheCatalog() throws Exception {
        JsonNode catalog;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelhightouch/hightouch.json")) {
            catalog = new ObjectMapper().readTree(in);
        }
        assertThat(catalog.path("component").path("label").asText().split(",")).contains("saas", "cloud", "api");
        assertThat(catalog.path("properties").path("progressLoggingLevel").path("enum")).extracting(JsonNode::asText)
                .containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
        assertThat(catalog.path("properties").path("progressLoggingLevel").path("defaultValue").asText()).isEqualTo("INFO");
        assertThat(catalog.path("componentProperties").path("progressLoggingLevel").isMissingNode()).isFalse();
    }
}
