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
 * What the component tells about itself while it runs: the observer the request, run and events paths report to (a
 * no-op unless something listens), the last failures for the dev console, the live figures (rate-limit queue, waits,
 * connection pool, events held) that JMX, the dev console and the metrics read. Nothing here refers to Micrometer:
 * the metrics live in the {@code micrometer} sub-package, loaded only when Micrometer is on the class path and a
 * {@code MeterRegistry} is in the Camel registry.
 */
package io.github.camelhightouch.internal.observe;
