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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hightouch: endpoint URI in the README's examples is one the component accepts: the documentation cannot name
 * an option or a value that does not exist.
 */
class ReadmeRoutesTest {

    private static final Pattern URI = Pattern.compile("\"(hightouch:[^\"\\s]+)\"");

    @Test
    void everyDocumentedUriCreatesAnEndpoint() throws Exception {
        List<String> uris = documentedUris();
        assertThat(uris).as("URIs found in the README").hasSizeGreaterThan(20);
        List<String> refused = new ArrayList<>();
        try (CamelContext context = new DefaultCamelContext()) {
            HightouchComponent component = new HightouchComponent();
            component.getConfiguration().setApiKey("readme-key");
            component.getConfiguration().setWriteKey("readme-write-key");
            context.addComponent("hightouch", component);
            // the bean the consumer's example refers to
            context.getRegistry().bind("syncRunStore", MemoryIdempotentRepository.memoryIdempotentRepository());
            context.start();
            for (String uri : uris) {
                try {
                    context.getEndpoint(uri);
                } catch (RuntimeException e) {
                    refused.add(uri + " -> " + e.getMessage());
                }
            }
        }
        assertThat(refused).as("README URIs the component refuses").isEmpty();
    }

    private static List<String> documentedUris() throws IOException {
        String readme = Files.readString(ReadmeCatalogTest.README, StandardCharsets.UTF_8);
        List<String> uris = new ArrayList<>();
        Matcher matcher = URI.matcher(readme);
        while (matcher.find()) {
            // a URI split over a Java string concatenation is checked up to its first part
            uris.add(matcher.group(1));
        }
        return uris;
    }
}
