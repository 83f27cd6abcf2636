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
package io.github.camelhightouch.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Text of bounded length for exception messages: a piece longer than its bound is cut and marked
 * {@code ...(cut, N chars)}, N being how many characters were left out; bytes are decoded as UTF-8 (invalid bytes
 * become U+FFFD) and marked {@code ...(cut, N bytes)}. Every result, marker included, fits its bound.
 */
public final class BoundedText {

    /** Room kept for the marker: {@code ...(cut, } 19 digits {@code  chars)}. */
    private static final int MARKER_ROOM = 40;

    private BoundedText() {
    }

    /**
     * The text, or its start and the cut marker when it is longer than {@code max}; never longer than {@code max}
     * (which must be above 40), and never cutting a surrogate pair in two.
     */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return start(text, max - MARKER_ROOM) + marker(text.length() - keep(text, max - MARKER_ROOM), "chars");
    }

    /**
     * The bytes decoded as UTF-8, at most {@code maxChars} characters of them, followed by {@code ...(cut, N bytes)}
     * when bytes were left undecoded; invalid bytes become U+FFFD. Only the bytes shown are decoded.
     */
    public static String decode(byte[] bytes, int maxChars) {
        if (bytes == null || bytes.length == 0) {
            return "";
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(maxChars, (long) bytes.length));
        decoder.decode(in, out, true);
        if (!in.hasRemaining()) {
            decoder.flush(out);
        }
        out.flip();
        String text = out.toString();
        return in.hasRemaining() ? text + marker(in.remaining(), "bytes") : text;
    }

    /**
     * A value as {@code String.valueOf} would show it (Maps as {@code {k=v, ...}}, Collections and arrays of objects
     * as {@code [a, b]}), at most {@code max} characters, marked with the number of characters left out. Walks nested
     * values without recursion, so that depth cannot overflow the stack; a container met again inside itself is shown
     * as {@code (cycle)}.
     */
    public static String render(Object value, int max) {
        Renderer renderer = new Renderer(max);
        renderer.walk(value);
        return renderer.result();
    }

    private static int keep(String text, int length) {
        return length > 0 && Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
    }

    private static String start(String text, int length) {
        return text.substring(0, keep(text, length));
    }

    private static String marker(long count, String unit) {
        return "...(cut, " + count + " " + unit + ")";
    }

    /** Writes a value until its bound, then only counts the characters left out. */
    private static final class Renderer {
        private final StringBuilder out = new StringBuilder();
        private final int max;
        private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Deque<Frame> frames = new ArrayDeque<>();
        private long total;

        /** A container being written: its items left, how they are separated and closed. */
        private static final class Frame {
            private final Object container;
            private final Iterator<?> items;
            private final String separator;
            private final String close;
            private boolean first = true;

            Frame(Object container, Iterator<?> items, String separator, String close) {
                this.container = container;
                this.items = items;
                this.separator = separator;
                this.close = close;
            }
        }

        Renderer(int max) {
            this.max = max;
        }

        void walk(Object root) {
            visit(root);
            while (!frames.isEmpty()) {
                Frame frame = frames.peek();
                if (!frame.items.hasNext()) {
                    emit(frame.close);
                    open.remove(frame.container);
                    frames.pop();
                    continue;
                }
                Object item = frame.items.next();
                if (!frame.first) {
                    emit(frame.separator);
                }
                frame.first = false;
                visit(item);
            }
        }

        /** Writes a plain value, or opens a container (a Map entry is the container of its key and value). */
        private void visit(Object value) {
            if (value instanceof Map<?, ?> map) {
                open(value, "{", map.entrySet().iterator(), ", ", "}");
            } else if (value instanceof Map.Entry<?, ?> entry) {
                open(value, "", Arrays.asList(entry.getKey(), entry.getValue()).iterator(), "=", "");
            } else if (value instanceof Collection<?> collection) {
                open(value, "[", collection.iterator(), ", ", "]");
            } else if (value instanceof Object[] array) {
                open(value, "[", Arrays.asList(array).iterator(), ", ", "]");
            } else {
                emit(String.valueOf(value));
            }
        }

        private void open(Object container, String start, Iterator<?> items, String separator, String close) {
            if (!open.add(container)) {
                emit("(cycle)");
                return;
            }
            emit(start);
            frames.push(new Frame(container, items, separator, close));
        }

        private void emit(String text) {
            total += text.length();
            int room = max - out.length();
            if (room > 0) {
                out.append(text, 0, Math.min(room, text.length()));
            }
        }

        String result() {
            if (total <= max) {
                return out.toString();
            }
            String shown = start(out.toString(), max - MARKER_ROOM);
            return shown + marker(total - shown.length(), "chars");
        }
    }
}
