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

import java.nio.charset.StandardCharsets;

/**
 * Masks the API key in an answer before anything reads it: a server (or a proxy) that echoes the Authorization
 * header in its error body would otherwise put the key into an exception message, a log line or the message body.
 */
final class SecretMask {

    private static final byte[] MASK = "xxxxxx".getBytes(StandardCharsets.US_ASCII);

    private SecretMask() {
    }

    /** The bytes with every occurrence of the secret replaced by a mask; the same array when there is none. */
    static byte[] mask(byte[] body, byte[] secret) {
        if (secret.length == 0 || indexOf(body, secret, 0) < 0) {
            return body;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length);
        int from = 0;
        int at;
        while ((at = indexOf(body, secret, from)) >= 0) {
            out.write(body, from, at - from);
            out.write(MASK, 0, MASK.length);
            from = at + secret.length;
        }
        out.write(body, from, body.length - from);
        return out.toByteArray();
    }

    private static int indexOf(byte[] body, byte[] secret, int from) {
        byte first = secret[0];
        for (int i = from; i <= body.length - secret.length; i++) {
            if (body[i] != first) {
                continue;
            }
            int j = 1;
            while (j < secret.length && body[i + j] == secret[j]) {
                j++;
            }
            if (j == secret.length) {
                return i;
            }
        }
        return -1;
    }
}
