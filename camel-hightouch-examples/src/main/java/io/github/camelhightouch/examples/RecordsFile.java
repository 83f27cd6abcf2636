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
package io.github.camelhightouch.examples;

import java.io.IOException;
import java.io.InputStream;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * A JSON-lines file a route reads (the records, or the events): a Camel resource (classpath:records.jsonl by default,
 * or file:/some/path.jsonl), opened as a stream so that the splitter reads it line by line and never holds the whole
 * file.
 */
public class RecordsFile {

    private final String setting;
    private final String location;

    /** The records file. */
    public RecordsFile(String location) {
        this("records", location);
    }

    /**
     * @param setting  the setting that names the file (records or events), for the error when it is missing
     * @param location the Camel resource
     */
    public RecordsFile(String setting, String location) {
        this.setting = setting;
        this.location = location;
    }

    /** Opens the file; the splitter closes the stream when it is done. */
    public InputStream open(CamelContext context) throws IOException {
        Resource resource = PluginHelper.getResourceLoader(context).resolveResource(location);
        if (resource == null || !resource.exists()) {
            throw new IOException(setting + ": no file at " + location);
        }
        return resource.getInputStream();
    }

    public String getLocation() {
        return location;
    }
}
