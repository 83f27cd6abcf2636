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

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchException;
import io.quarkus.deployment.ApplicationArchive;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/**
 * The build steps of the Camel Hightouch extension.
 * <p>
 * Indexing the component jar is what lets Camel Quarkus find the component at build time: it binds
 * {@code hightouch} in the registry, resolves the generated configurers and URI factory without reading
 * {@code META-INF/services} at run time, and registers the component, endpoint, producer, consumer and configurer
 * classes for reflection. The other steps add what a native image needs beyond that. Jackson only ever sees
 * {@code JsonNode}s, maps, lists and the application's own bodies: the component has no POJO of its own to register;
 * the application's POJO bodies need {@code @RegisterForReflection}.
 */
class HightouchProcessor {

    static final String FEATURE = "camel-hightouch";

    private static final String GROUP_ID = "io.github.camelhightouch";
    private static final String ARTIFACT_ID = "camel-hightouch";
    private static final String CAMEL_SERVICES = "META-INF/services/org/apache/camel";
    /** The component's catalog JSON (options, headers): read by the runtime catalog and endpoint validation. */
    private static final String CATALOG = "META-INF/io/github/camelhightouch";
    private static final String COMPONENT_PACKAGE = HightouchComponent.class.getPackageName();
    /** Package-private in the component, hence named. */
    static final String EVENTS_HANDLER = "io.github.camelhightouch.internal.events.EventsHandler";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The jar ships a Jandex index today (camel-component-maven-plugin writes it); this does not depend on it. */
    @BuildStep
    IndexDependencyBuildItem indexComponentJar() {
        return new IndexDependencyBuildItem(GROUP_ID, ARTIFACT_ID);
    }

    /** The component calls Hightouch over HTTPS. */
    @BuildStep
    ExtensionSslNativeSupportBuildItem sslNativeSupport() {
        return new ExtensionSslNativeSupportBuildItem(FEATURE);
    }

    /**
     * Every Camel service file of the component jar (component, configurers, URI factory, and any added later) and
     * its catalog JSON, found in the jar rather than listed here, so that a new service file cannot be forgotten.
     */
    @BuildStep
    void componentResources(ApplicationArchivesBuildItem archives,
            BuildProducer<NativeImageResourceBuildItem> resources) {
        ApplicationArchive componentJar = archives.containingArchive(HightouchComponent.class.getName());
        if (componentJar == null) {
            throw new IllegalStateException("camel-hightouch: the jar of " + HightouchComponent.class.getName()
                                            + " is not an application archive; it should have been indexed");
        }
        List<String> paths = new ArrayList<>();
        componentJar.accept(tree -> Stream.of(CAMEL_SERVICES, CATALOG).forEach(folder -> tree.walkIfContains(folder,
                visit -> {
                    if (Files.isRegularFile(visit.getPath())) {
                        paths.add(visit.getRelativePath());
                    }
                })));
        resources.produce(new NativeImageResourceBuildItem(paths));
    }

    /**
     * The classes an application names rather than references: the exceptions routes catch ({@code onException} in
     * YAML or XML names the class), the enums of the options (converted by name), and the header names of
     * {@link HightouchConstants} (read as fields by {@code ${type:...}} expressions), and the violations a
     * validation error carries (read by simple expressions).
     */
    @BuildStep
    void reflectiveClasses(CombinedIndexBuildItem combinedIndex,
            BuildProducer<ReflectiveClassBuildItem> reflectiveClasses) {
        IndexView index = combinedIndex.getIndex();
        List<String> exceptions = new ArrayList<>();
        exceptions.add(HightouchException.class.getName());
        index.getAllKnownSubclasses(DotName.createSimple(HightouchException.class))
                .stream().map(ClassInfo::name).map(DotName::toString).forEach(exceptions::add);
        reflectiveClasses.produce(ReflectiveClassBuildItem.builder(exceptions.toArray(String[]::new))
                .methods().build());

        String[] enums = index.getClassesInPackage(COMPONENT_PACKAGE).stream()
                .filter(ClassInfo::isEnum).map(ClassInfo::name).map(DotName::toString).toArray(String[]::new);
        reflectiveClasses.produce(ReflectiveClassBuildItem.builder(enums).methods().fields().build());

        reflectiveClasses.produce(ReflectiveClassBuildItem.builder(HightouchConstants.class).fields().build());
        // read by expressions such as ${exception.violations[0].field} in an error handler
        reflectiveClasses.produce(ReflectiveClassBuildItem.builder(HightouchValidationException.Violation.class)
                .methods().build());
    }

    /**
     * The events handler draws a random salt for event messageIds when its class is initialized: built into the
     * image, every run would share one salt (and the image heap would hold a SecureRandom).
     */
    @BuildStep
    RuntimeInitializedClassBuildItem runtimeInitializedClasses() {
        return new RuntimeInitializedClassBuildItem(EVENTS_HANDLER);
    }
}
