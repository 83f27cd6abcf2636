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
package io.github.camelhightouch.internal.http;

import java.util.List;

import io.github.camelhightouch.HightouchHttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every request is checked to be on the origin of the base URL, also when the origin keeps the last URL it checked:
 * a URL that fails fails every time, before and after others passed, and each request goes to its own URL.
 */
class OriginCheckTest {

    private final HightouchOrigin origin = HightouchOrigin.of("https://api.hightouch.com/api/v1");

    @Test
    void eachRequestGoesToItsOwnUrlWhateverWasCheckedBefore() {
        String sources = "https://api.hightouch.com/api/v1/sources";
        String trigger = "https://api.hightouch.com/api/v1/syncs/42/trigger";
        for (String url : List.of(sources, sources, trigger, sources, trigger, trigger)) {
            assertThat(request(url).uri()).hasToString(url);
        }
    }

    @Test
    void aUrlOnAnotherOriginIsRefusedBeforeAndAfterOneThatPassed() {
        String elsewhere = "https://evil.example.com/api/v1/sources";
        assertThatThrownBy(() -> request(elsewhere)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not on the origin of baseUrl");
        request("https://api.hightouch.com/api/v1/sources");
        for (String bad : List.of(elsewhere, "http://api.hightouch.com/api/v1/sources",
                "https://api.hightouch.com:8443/api/v1/sources", "https://user@api.hightouch.com/api/v1/sources",
                "https://api.hightouch.com/api/v1/sources#x")) {
            assertThatThrownBy(() -> request(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not on the origin of baseUrl");
        }
        assertThat(request("https://api.hightouch.com/api/v1/sources").uri().getHost()).isEqualTo("api.hightouch.com");
    }

    @Test
    void anInvalidUrlIsRefusedEveryTime() {
        request("https://api.hightouch.com/api/v1/sources");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> request("https://api.hightouch.com/api/v1/so urces"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("url: is not a valid URL");
        }
    }

    private HightouchRequest request(String url) {
        return origin.request("createSource", HightouchHttpMethod.POST, url, new byte[0], List.of(), false);
    }
}
