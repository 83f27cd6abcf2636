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
package io.github.camelhightouch.internal.operation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.List;

import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.http.RequestContentType;

/**
 * The bodies of raw with a contentType that is not JSON: a String (in the type's charset, UTF-8 without one) or a
 * byte[] is sent as it is, nothing else is accepted. Nothing is parsed or converted: only JSON is.
 */
final class PlainBodies {

    private PlainBodies() {
    }

    /**
     * The bytes of the body, or null after adding the violation.
     */
    static byte[] bytes(Object body, String field, String contentType, long maxBodySize, List<Violation> violations) {
        byte[] bytes;
        if (body instanceof byte[] raw) {
            bytes = raw;
        } else if (body instanceof CharSequence text) {
            if (text.length() > maxBodySize) {
                violations.add(new Violation(field, "is larger than maxBodySize (" + maxBodySize + " bytes)"));
                return null;
            }
            Charset charset = RequestContentType.charset(contentType);
            try {
                ByteBuffer encoded = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
                bytes = new byte[encoded.remaining()];
                encoded.get(bytes);
            } catch (CharacterCodingException e) {
                violations.add(new Violation(field, "holds characters that " + charset.name() + " (the charset of "
                                                    + "contentType) cannot encode"));
                return null;
            }
        } else {
            violations.add(new Violation(field, "must be a String or a byte[] with contentType " + contentType
                                                + " (only JSON bodies are converted), got "
                                                + (body == null ? "null" : body.getClass().getName())));
            return null;
        }
        if (bytes.length > maxBodySize) {
            violations.add(new Violation(field, "is larger than maxBodySize (" + maxBodySize + " bytes)"));
            return null;
        }
        return bytes;
    }
}
