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
package io.github.camelhightouch.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchEndpoint;
import io.github.camelhightouch.HightouchTransportException;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.spi.NormalizedEndpointUri;
import org.apache.camel.util.URISupport;

/**
 * Assertions that a secret (the API key) appears nowhere a user could see it: exception messages and their cause
 * chains, the headers and properties left on a message, and every form in which Camel shows an endpoint URI. Failure
 * messages mask the secret.
 */
public final class ApiKeyLeaks {

    private ApiKeyLeaks() {
    }

    /**
     * The secret appears in no message, toString or printed stack trace of the throwable, its causes and suppressed
     * exceptions, nor in the response body or URL carried by a Hightouch exception.
     */
    public static void assertNotIn(Throwable error, String secret) {
        if (error == null) {
            return;
        }
        StringWriter printed = new StringWriter();
        error.printStackTrace(new PrintWriter(printed));
        check(secret, "printed exception " + error.getClass().getName(), printed.toString());
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            check(secret, "message of " + t.getClass().getName(), t.getMessage());
            check(secret, "toString of " + t.getClass().getName(), t.toString());
            if (t instanceof HightouchApiException api) {
                check(secret, "HightouchApiException.url", api.getUrl());
                check(secret, "HightouchApiException.responseBody", api.getResponseBody());
            }
            if (t instanceof HightouchTransportException transport) {
                check(secret, "HightouchTransportException.url", transport.getUrl());
            }
        }
    }

    /**
     * The secret appears in no header name or value of the exchange's message, no exchange property (Camel's
     * internal ones included) and not in the exchange's exception.
     */
    public static void assertNotIn(Exchange exchange, String secret) {
        assertNotInMessage(exchange, secret, Set.of());
    }

    /**
     * As {@link #assertNotIn(Exchange, String)}, for an exchange sent to an endpoint whose URI holds the key:
     * Camel core records the endpoint URI as written in the properties {@value Exchange#TO_ENDPOINT} and
     * {@value Exchange#FAILURE_ENDPOINT}, so these two are not checked (the reason to set the key on the component).
     */
    public static void assertNotInMessageOfUriKeyedEndpoint(Exchange exchange, String secret) {
        assertNotInMessage(exchange, secret, Set.of(Exchange.TO_ENDPOINT, Exchange.FAILURE_ENDPOINT));
    }

    private static void assertNotInMessage(Exchange exchange, String secret, Set<String> skippedProperties) {
        for (Map.Entry<String, Object> header : exchange.getMessage().getHeaders().entrySet()) {
            check(secret, "message header name", header.getKey());
            check(secret, "message header " + header.getKey(), String.valueOf(header.getValue()));
        }
        for (Map.Entry<String, Object> property : exchange.getAllProperties().entrySet()) {
            if (skippedProperties.contains(property.getKey())) {
                continue;
            }
            if (property.getValue() instanceof Throwable error) {
                assertNotIn(error, secret);
            } else {
                check(secret, "exchange property " + property.getKey(), String.valueOf(property.getValue()));
            }
        }
        assertNotIn(exchange.getException(), secret);
    }

    /**
     * The secret appears in no form in which Camel shows the context's endpoints: each endpoint's toString, its
     * URI as Camel prints it (sanitized), the keys of the endpoint registry as Camel prints them, the endpoints of
     * the routes, and the Hightouch endpoints' configuration.
     */
    public static void assertNotIn(CamelContext context, String secret) {
        List<String> shown = new ArrayList<>();
        for (Endpoint endpoint : context.getEndpoints()) {
            shown.add(endpoint.toString());
            shown.add(URISupport.sanitizeUri(endpoint.getEndpointUri()));
            shown.add(URISupport.sanitizeUri(endpoint.getEndpointBaseUri()));
            shown.add(endpoint.getEndpointKey() == null ? "" : URISupport.sanitizeUri(endpoint.getEndpointKey()));
            if (endpoint instanceof HightouchEndpoint hightouch) {
                shown.add(hightouch.getConfiguration().toString());
            }
        }
        for (NormalizedEndpointUri key : context.getEndpointRegistry().keySet()) {
            shown.add(URISupport.sanitizeUri(key.getUri()));
        }
        for (Route route : context.getRoutes()) {
            shown.add(route.getEndpoint().toString());
            shown.add(String.valueOf(route));
        }
        for (String text : shown) {
            check(secret, "endpoint as Camel shows it", text);
        }
    }

    /**
     * The secret is not in the text.
     */
    public static void check(String secret, String where, String text) {
        if (text != null && text.contains(secret)) {
            throw new AssertionError("The API key leaked into " + where + ": " + text.replace(secret, "<API KEY>"));
        }
    }
}
