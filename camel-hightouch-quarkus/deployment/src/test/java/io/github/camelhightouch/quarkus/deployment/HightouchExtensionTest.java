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
package io.github.camelhightouch.quarkus.deployment;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.Collectors;

import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchComponentConfigurer;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchEndpoint;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchSyncRunException;
import io.github.camelhightouch.HightouchValidationException;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.SystemPropertyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.core.FastFactoryFinderResolver;
import org.apache.camel.spi.FactoryFinderResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots an application with the extension and nothing else of its own: the component is found from the indexed jar,
 * configured from {@code camel.component.hightouch.*} through its generated configurer, and the build registers
 * what a native image needs (seen by a build step that collects those build items).
 */
class HightouchExtensionTest {

    private static final String KEY = "extension-test-key-77c1";
    private static final String PROBE = "camel-hightouch.test.";

    @RegisterExtension
    static final QuarkusUnitTest QUARKUS = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("camel.component.hightouch.api-key", KEY)
            .overrideConfigKey("camel.component.hightouch.base-url", "http://127.0.0.1:9/api/v1")
            .overrideConfigKey("camel.component.hightouch.response-timeout", "42s")
            .overrideConfigKey("camel.component.hightouch.max-connections", "7")
            .addBuildChainCustomizer(collectNativeRegistrations());

    @Inject
    CamelContext camelContext;

    @Test
    void theComponentIsBoundFromTheIndexedJar() {
        // Camel Quarkus binds the components it finds in application archives at build time
        HightouchComponent bound = camelContext.getRegistry().lookupByNameAndType("hightouch", HightouchComponent.class);

        assertThat(bound).isNotNull();
        assertThat(camelContext.getComponent("hightouch")).isSameAs(bound);
        assertThat(camelContext.getEndpoint("hightouch:createSource")).isInstanceOf(HightouchEndpoint.class);
    }

    @Test
    void applicationPropertiesBindThroughTheGeneratedConfigurer() {
        HightouchComponent component = camelContext.getComponent("hightouch", HightouchComponent.class);

        assertThat(component.getConfiguration().getApiKey()).isEqualTo(KEY);
        assertThat(component.getConfiguration().getBaseUrl()).isEqualTo("http://127.0.0.1:9/api/v1");
        assertThat(component.getConfiguration().getResponseTimeout()).isEqualTo(42_000);
        assertThat(component.getMaxConnections()).isEqualTo(7);
        // without a configurer Camel would have bound the same values by reflection: this is what tells them apart
        assertThat(component.getComponentPropertyConfigurer()).isInstanceOf(HightouchComponentConfigurer.class);
    }

    @Test
    void theConfigurersAreResolvedFromTheBuildTimeServiceMap() {
        FactoryFinderResolver resolver = camelContext.getCamelContextExtension()
                .getContextPlugin(FactoryFinderResolver.class);

        assertThat(resolver).isInstanceOf(FastFactoryFinderResolver.class);
        // the component itself is not in this map: Camel Quarkus binds it in the registry (the test above)
        assertThat(((FastFactoryFinderResolver) resolver).getClassMap())
                .containsEntry("META-INF/services/org/apache/camel/configurer/hightouch-component",
                        HightouchComponentConfigurer.class)
                .containsKey("META-INF/services/org/apache/camel/configurer/hightouch-endpoint")
                .containsKey("META-INF/services/org/apache/camel/urifactory/hightouch-endpoint");
    }

    @Test
    void theFeatureIsInstalled() {
        assertThat(probe("features")).contains(HightouchProcessor.FEATURE);
    }

    @Test
    void nativeImageGetsTheServiceFilesAndTheCatalog() {
        assertThat(probe("resources")).contains(
                "META-INF/services/org/apache/camel/component/hightouch",
                "META-INF/services/org/apache/camel/configurer/hightouch-component",
                "META-INF/services/org/apache/camel/configurer/hightouch-endpoint",
                "META-INF/services/org/apache/camel/urifactory/hightouch-endpoint",
                "META-INF/io/github/camelhightouch/hightouch.json");
    }

    @Test
    void nativeImageGetsTheClassesUsedByName() {
        assertThat(probe("reflective")).contains(
                // Camel Quarkus registers these because the jar is indexed
                HightouchComponent.class.getName(), HightouchEndpoint.class.getName(),
                HightouchComponentConfigurer.class.getName(),
                // the extension registers these
                HightouchApiException.class.getName(), HightouchSyncRunException.class.getName(),
                HightouchValidationException.class.getName(), HightouchOperation.class.getName(),
                HightouchConstants.class.getName(), HightouchValidationException.Violation.class.getName());
    }

    @Test
    void nativeImageInitializesTheEventSaltAtRunTimeAndSupportsHttps() throws Exception {
        // the name is a string in the processor: a renamed class must fail here
        Class<?> eventsHandler = Class.forName(HightouchProcessor.EVENTS_HANDLER, false, getClass().getClassLoader());
        assertThat(eventsHandler.getDeclaredField("SALT").getType()).isEqualTo(String.class);
        assertThat(probe("runtime-initialized")).contains(HightouchProcessor.EVENTS_HANDLER);
        assertThat(probe("ssl")).contains(HightouchProcessor.FEATURE);
    }

    private static List<String> probe(String name) {
        String value = System.getProperty(PROBE + name);
        assertThat(value).as("the collecting build step ran and set " + PROBE + name).isNotNull();
        return Arrays.asList(value.split(","));
    }

    /**
     * A build step of the test's own that sees what every extension produced and hands it to the application as
     * system properties (the build runs in another class loader than the test methods).
     */
    private static Consumer<BuildChainBuilder> collectNativeRegistrations() {
        return chain -> chain.addBuildStep(HightouchExtensionTest::collect)
                .consumes(FeatureBuildItem.class)
                .consumes(NativeImageResourceBuildItem.class)
                .consumes(ReflectiveClassBuildItem.class)
                .consumes(RuntimeInitializedClassBuildItem.class)
                .consumes(ExtensionSslNativeSupportBuildItem.class)
                .produces(SystemPropertyBuildItem.class)
                .build();
    }

    private static void collect(BuildContext context) {
        publish(context, "features", context.consumeMulti(FeatureBuildItem.class).stream()
                .map(FeatureBuildItem::getName));
        publish(context, "resources", context.consumeMulti(NativeImageResourceBuildItem.class).stream()
                .flatMap(item -> item.getResources().stream()));
        publish(context, "reflective", context.consumeMulti(ReflectiveClassBuildItem.class).stream()
                .flatMap(item -> item.getClassNames().stream()));
        publish(context, "runtime-initialized", context.consumeMulti(RuntimeInitializedClassBuildItem.class).stream()
                .map(RuntimeInitializedClassBuildItem::getClassName));
        publish(context, "ssl", context.consumeMulti(ExtensionSslNativeSupportBuildItem.class).stream()
                .map(ExtensionSslNativeSupportBuildItem::getExtension));
    }

    private static void publish(BuildContext context, String name, Stream<String> values) {
        context.produce(new SystemPropertyBuildItem(PROBE + name, values.distinct().sorted()
                .collect(Collectors.joining(","))));
    }
}
