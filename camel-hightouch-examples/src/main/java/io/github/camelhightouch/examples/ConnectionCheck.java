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
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;

import io.github.camelhightouch.HightouchApiException;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchConfiguration;
import io.github.camelhightouch.HightouchTransportException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * What {@code --check} does, as the "Test" button of Hightouch's own connection screens: one {@code listSources}
 * call with the settings' API key and base URL, then a report of what it found (reachable or not, key accepted or
 * not, how many sources the workspace has), without importing anything. It never prints the key.
 * <p>
 * With an events write key it also checks that the Events API's host answers, with a request that carries neither
 * key nor event. The write key itself cannot be checked without sending an event: the Events API answers 200 even for
 * events it later drops, so only Hightouch's event debugger confirms a key.
 */
public final class ConnectionCheck {

    /** What the check found. */
    public enum Outcome {
        /** Reachable, key accepted, sources counted. */
        OK,
        /** Reachable, but the key was rejected (401 or 403). */
        KEY_REJECTED,
        /** Reachable, but another error status. */
        API_ERROR,
        /** No answer: connection refused, unknown host, timeout. */
        UNREACHABLE
    }

    /** How long the check waits for Hightouch at most: a connection test should answer quickly. */
    static final long REQUEST_TIMEOUT = 15_000;

    private ConnectionCheck() {
    }

    static Outcome run(String apiKey, String baseUrl, PrintStream out) throws Exception {
        return run(apiKey, baseUrl, null, null, out);
    }

    /**
     * The REST check, then, when a write key is set, whether the Events API's host answers; an events host that does
     * not answer makes an otherwise good check {@link Outcome#UNREACHABLE}.
     */
    static Outcome run(String apiKey, String baseUrl, String writeKey, String eventsUrl, PrintStream out)
            throws Exception {
        Outcome rest = checkRest(apiKey, baseUrl, out);
        if (writeKey == null) {
            return rest;
        }
        boolean eventsReachable = checkEventsHost(eventsUrl != null ? eventsUrl : HightouchConfiguration.DEFAULT_EVENTS_URL,
                out);
        return rest == Outcome.OK && !eventsReachable ? Outcome.UNREACHABLE : rest;
    }

    private static Outcome checkRest(String apiKey, String baseUrl, PrintStream out) throws Exception {
        String url = baseUrl != null ? baseUrl : HightouchConfiguration.DEFAULT_BASE_URL;
        out.println("Checking the connection to the Hightouch API at " + url);
        try (CamelContext camel = new DefaultCamelContext()) {
            HightouchComponent hightouch = new HightouchComponent();
            hightouch.getConfiguration().setApiKey(apiKey);
            hightouch.getConfiguration().setBaseUrl(url);
            hightouch.getConfiguration().setRequestTimeout(REQUEST_TIMEOUT);
            hightouch.getConfiguration().setMaxRetries(0);
            camel.addComponent("hightouch", hightouch);
            camel.start();
            Outcome outcome;
            try {
                Object sources = camel.createProducerTemplate()
                        .requestBody("hightouch:listSources?paginate=true", (Object) null);
                int count = sources instanceof Collection<?> list ? list.size() : 0;
                out.println("Reachable: yes");
                out.println("API key: accepted");
                out.println("Sources in the workspace: " + count);
                outcome = Outcome.OK;
            } catch (CamelExecutionException e) {
                outcome = report(e.getCause(), out);
            }
            return outcome;
        }
    }

    /** Any HTTP answer from the events host proves it reachable; the request has no Authorization and no body. */
    private static boolean checkEventsHost(String eventsUrl, PrintStream out) throws InterruptedException {
        out.println("Checking the Events API host at " + eventsUrl);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(REQUEST_TIMEOUT)).build();
        try {
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(eventsUrl + "/"))
                    .timeout(Duration.ofMillis(REQUEST_TIMEOUT)).GET().build(), HttpResponse.BodyHandlers.discarding());
            out.println("Events API: reachable (HTTP " + answer.statusCode() + " to a GET without key or event)");
            out.println("Events write key: set, not checked (the Events API accepts events it later drops; "
                        + "Hightouch's event debugger shows whether they arrive)");
            return true;
        } catch (IOException | IllegalArgumentException e) {
            out.println("Events API: unreachable (" + eventsUrl + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ", " + e.getMessage()) + ")");
            return false;
        }
    }

    private static Outcome report(Throwable cause, PrintStream out) {
        if (cause instanceof HightouchApiException api) {
            out.println("Reachable: yes (HTTP " + api.getStatusCode() + ")");
            if (api.getStatusCode() == 401 || api.getStatusCode() == 403) {
                out.println("API key: rejected (check " + ExampleSettings.ENV_API_KEY + ")");
                return Outcome.KEY_REJECTED;
            }
            out.println("API key: not confirmed, Hightouch answered HTTP " + api.getStatusCode());
            return Outcome.API_ERROR;
        }
        // the component's messages never carry the key
        out.println("Reachable: no, unreachable ("
                    + (cause instanceof HightouchTransportException ? "" : cause.getClass().getSimpleName() + ": ")
                    + cause.getMessage() + ")");
        out.println("API key: not checked");
        return Outcome.UNREACHABLE;
    }
}
