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

import org.apache.camel.CamelException;

/**
 * Base of every failure the Hightouch component raises, so that one {@code onException} can catch them all. No
 * message of this hierarchy ever contains the API key.
 */
public class HightouchException extends CamelException {

    private static final long serialVersionUID = 1L;

    public HightouchException(String message) {
        super(message);
    }

    public HightouchException(String message, Throwable cause) {
        super(message, cause);
    }
}
