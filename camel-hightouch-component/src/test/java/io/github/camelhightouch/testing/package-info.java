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

/**
 * Test support for the Hightouch component, reusable by every test of the module.
 * <ul>
 * <li>{@link io.github.camelhightouch.testing.HightouchStandIn}: a JUnit 5 extension running WireMock on
 * 127.0.0.1 (dynamic port) as the Hightouch API, handing out a hightouch component configured with the test API key
 * and the stand-in's base URL, and failing any test whose requests violate Hightouch's OpenAPI description.</li>
 * <li>{@link io.github.camelhightouch.testing.OpenApiContract}: that description as a request validator.</li>
 * <li>{@link io.github.camelhightouch.testing.LogCapture}: a JUnit 5 extension capturing every log4j2 line (the
 * component at TRACE, Camel at DEBUG) and failing any test that logged a forbidden string such as the key.</li>
 * <li>{@link io.github.camelhightouch.testing.ApiKeyLeaks}: assertions that the key is in no exception, message
 * header, exchange property or endpoint URI as Camel shows it.</li>
 * <li>{@link io.github.camelhightouch.testing.HightouchTestSupport}: a CamelTestSupport base wiring all of the
 * above.</li>
 * </ul>
 * Without the base class, register the extensions as static fields:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);
 * &#64;RegisterExtension
 * static final HightouchStandIn HIGHTOUCH = new HightouchStandIn();
 * ...
 * try (CamelContext context = new DefaultCamelContext()) {
 *     HIGHTOUCH.configure(context);
 *     context.start();
 *     ...
 * }
 * </pre>
 */
package io.github.camelhightouch.testing;
