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
 * 127.0.0.1 (dynamic port; one server per test class, or per test with serverPerTest()) as the Hightouch API, handing
 * out hightouch components and plain Camel contexts configured with the test API key and the stand-in's base URL,
 * letting a test shape answers in code (transformWith), and failing any test whose requests violate Hightouch's
 * OpenAPI description unless the test declared them with allowOffContract.</li>
 * <li>{@link io.github.camelhightouch.testing.OpenApiContract}: that description as a request validator.</li>
 * <li>{@link io.github.camelhightouch.testing.StandInWorkspace}: a stateful workspace behind the stand-in (sources,
 * models, destinations, syncs: POST with 409 on a taken slug, GET by slug, GET and PATCH by id), whose next answers a
 * test can force (a reset, a 500, a 429), before or after the request took effect.</li>
 * <li>{@link io.github.camelhightouch.testing.LogCapture}: a JUnit 5 extension capturing every log4j2 line (the
 * component at TRACE, Camel at DEBUG; for one test the root at DEBUG with rootAt, or everything at its configured
 * level with atConfiguredLevels) and failing any test that logged a forbidden string such as the key.</li>
 * <li>{@link io.github.camelhightouch.testing.LogLevels}: log4j2 levels changed for a block of a test (every logger
 * at DEBUG, or one logger) and put back on close.</li>
 * <li>{@link io.github.camelhightouch.testing.ApiKeyLeaks}: assertions that the key is in no exception, message
 * header, exchange property or endpoint URI as Camel shows it.</li>
 * <li>{@link io.github.camelhightouch.testing.HightouchExtensions}: the stand-in and the log capture, registered by
 * both base classes.</li>
 * <li>{@link io.github.camelhightouch.testing.HightouchTestSupport}: a CamelTestSupport base wiring all of the
 * above.</li>
 * <li>{@link io.github.camelhightouch.testing.HightouchContextTestSupport}: the same on a plain DefaultCamelContext,
 * created, configured and started before each test.</li>
 * </ul>
 * Without a base class, register the extensions as static fields, configured as the test class needs:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET);
 * &#64;RegisterExtension
 * static final HightouchStandIn HIGHTOUCH = new HightouchStandIn().fastRetries();
 * ...
 * try (CamelContext context = HIGHTOUCH.newContext()) {
 *     context.start();
 *     ...
 * }
 * </pre>
 */
package io.github.camelhightouch.testing;
