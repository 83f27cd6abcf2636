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

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelhightouch.internal.HightouchHttpTransport;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.PropertiesHelper;

/**
 * The Hightouch component: holds the options shared by all its endpoints and the one HTTP connection pool they share.
 */
@Component("hightouch")
public class HightouchComponent extends HealthCheckComponent {

    /** The largest request body sent, in bytes. */
    static final long MAX_BODY_SIZE = 1024 * 1024;

    @Metadata
    private HightouchConfiguration configuration = new HightouchConfiguration();

    @Metadata(label = "advanced", defaultValue = "64")
    private int maxConnections = 64;

    @Metadata(label = "advanced", autowired = false)
    private ObjectMapper objectMapper;

    private HightouchHttpTransport transport;

    public HightouchComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        HightouchOperation operation;
        try {
            operation = HightouchOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("operation: unknown Hightouch operation '" + remaining + "' in hightouch:"
                                               + remaining + "; known operations: "
                                               + java.util.Arrays.toString(HightouchOperation.values()));
        }
        HightouchEndpoint endpoint = new HightouchEndpoint(uri, this, operation, configuration.copy());
        // header.Name=value options: the configurers do not bind a multi-value prefix, the component does
        Map<String, Object> extraHeaders = PropertiesHelper.extractProperties(parameters, "header.");
        setProperties(endpoint, parameters);
        if (!extraHeaders.isEmpty()) {
            Map<String, Object> headers = new LinkedHashMap<>();
            if (endpoint.getConfiguration().getHeaders() != null) {
                headers.putAll(endpoint.getConfiguration().getHeaders());
            }
            headers.putAll(extraHeaders);
            endpoint.getConfiguration().setHeaders(headers);
        }
        return endpoint;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // endpoints of routes are initialized before the component starts: they need the mapper already
        if (objectMapper == null) {
            objectMapper = new ObjectMapper().findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (objectMapper == null) {
            objectMapper = new ObjectMapper().findAndRegisterModules()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
        getTransport();
    }

    @Override
    protected synchronized void doStop() throws Exception {
        ServiceHelper.stopService(transport);
        transport = null;
        super.doStop();
    }

    synchronized HightouchHttpTransport getTransport() {
        // endpoints inside a Splitter or other EIP start while the context initializes, before the component
        if (transport == null) {
            transport = new HightouchHttpTransport(getCamelContext(), maxConnections);
            ServiceHelper.startService(transport);
        }
        return transport;
    }

    /**
     * The options shared by all endpoints of this component; each endpoint gets its own copy.
     */
    public HightouchConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(HightouchConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    /**
     * The size of the HTTP connection pool shared by all endpoints of this component.
     */
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public ObjectMapper getObjectMapper() {
        return objectMapper;
    }

    /**
     * The Jackson ObjectMapper that serializes POJO bodies and parses responses; by default one of the component's
     * own, tolerant of unknown fields.
     */
    public void setObjectMapper(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }
}
