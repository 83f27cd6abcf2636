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
package io.github.camelhightouch.internal.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The library the component names in each event's {@code context.library}: camel-hightouch and its version.
 */
public final class EventLibrary {

    /** The name in {@code context.library.name}. */
    public static final String NAME = "camel-hightouch";

    /** The version in {@code context.library.version}, from the jar, or "dev" when run from classes. */
    public static final String VERSION = version();

    private EventLibrary() {
    }

    private static String version() {
        String fromManifest = EventLibrary.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        try (InputStream in = EventLibrary.class.getResourceAsStream(
                "/META-INF/maven/io.github.camelhightouch/camel-hightouch/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // no version to tell: the events still go
        }
        return "dev";
    }
}
