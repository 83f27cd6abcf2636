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

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extensions both base classes register, declared once: a {@link LogCapture} that fails a test when the API key
 * is logged, and a {@link HightouchStandIn} (WireMock + contract check). JUnit registers the static extension fields
 * of the interfaces a test class implements like its own; the log capture comes first, so that it sees what happens
 * while the stand-in tidies up after a test.
 */
public interface HightouchExtensions {

    /** Every log line of the test; the API key must be in none. */
    @RegisterExtension
    @Order(1)
    LogCapture LOGS = new LogCapture().forbid(HightouchStandIn.API_KEY_SECRET, HightouchStandIn.WRITE_KEY_SECRET);

    /** The Hightouch stand-in, one server per test class. */
    @RegisterExtension
    @Order(2)
    HightouchStandIn HIGHTOUCH = new HightouchStandIn();
}
