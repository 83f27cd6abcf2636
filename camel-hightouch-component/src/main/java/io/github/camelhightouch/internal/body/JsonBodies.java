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
package io.github.camelhightouch.internal.body;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.camelhightouch.HightouchHttpMethod;
import io.github.camelhightouch.HightouchOperation;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import io.github.camelhightouch.internal.BoundedText;
import org.apache.camel.Message;
import org.apache.camel.WrappedFile;

/**
 * Turns a message body into a JSON tree and a JSON tree into request bytes. Accepted bodies: a Map, a POJO, a Jackson
 * JsonNode, a JSON String, or JSON as byte[], InputStream or Reader. Text that is not JSON is refused here, before
 * any request.
 * <p>
 * A stream can be read only once, so {@link #readStreamBody} reads an InputStream or Reader body before anything else
 * and puts what it read back on the message (bytes, or a String), where the error handler finds the record whatever
 * fails afterwards.
 */
public final class JsonBodies {

    private static final int BUFFER = 8192;

    private final ObjectMapper mapper;
    /** Reads exactly one JSON value: what follows it would be dropped without a word (a second event, say). */
    private final ObjectReader oneValue;
    private final long maxBodySize;

    public JsonBodies(ObjectMapper mapper, long maxBodySize) {
        this.mapper = mapper;
        // built once: an ObjectReader is immutable and thread-safe, and building one per body costs an allocation
        this.oneValue = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxBodySize = maxBodySize;
    }

    /**
     * Reads a body into a JSON tree of its own (a JsonNode body is copied, so that conversions never change the
     * route's message).
     *
     * @param  field                       how the body is named in errors ({@code body}, {@code [3]})
     * @throws InvalidJsonBodyException when the body is missing, empty, too large or not JSON
     */
    public JsonNode read(Object body, String field) throws InvalidJsonBodyException {
        if (body == null) {
            throw new InvalidJsonBodyException(field, "is null; a JSON object (Map, POJO, JsonNode or JSON text) is required");
        }
        try {
            if (body instanceof JsonNode node) {
                return node.deepCopy();
            }
            if (body instanceof CharSequence text) {
                String s = text.toString();
                checkSize(field, s.length());
                if (s.isBlank()) {
                    throw new InvalidJsonBodyException(field, "is an empty string; JSON is required");
                }
                return parse(field, s.getBytes(StandardCharsets.UTF_8));
            }
            if (body instanceof byte[] bytes) {
                checkSize(field, bytes.length);
                return parse(field, bytes);
            }
            if (body instanceof InputStream stream) {
                return parse(field, readLimited(field, stream));
            }
            if (body instanceof Reader reader) {
                Object text = readOnce(reader, field, maxBodySize, problem -> {
                    throw new InvalidJsonBodyException(field, problem.reason());
                });
                return read(text, field);
            }
            return mapper.valueToTree(body);
        } catch (IllegalArgumentException e) {
            throw new InvalidJsonBodyException(field, "cannot be serialized to JSON (" + body.getClass().getName() + "): "
                                                      + e.getMessage());
        } catch (StackOverflowError e) {
            // Jackson walks maps and trees by recursion, with no depth limit (JSON text has one: 1000 levels)
            throw new InvalidJsonBodyException(field, "cannot be serialized to JSON (" + body.getClass().getName()
                                                      + "): it is nested too deeply, or it holds itself");
        }
    }

    /**
     * Reads an InputStream, Reader or file (WrappedFile, File, Path) body once and puts it back on the message as its
     * bytes (a byte[]) or its text (a String), so that the record stays on the exchange whatever fails next; with
     * {@code elementsToo}, the
     * InputStream and Reader elements of a Collection body too (the body becomes a List of the same elements, in
     * order). Other bodies are left as they are. Call it before anything else reads the body.
     *
     * @param  message                     the message whose body is read
     * @param  operation                   the operation, named in the exception
     * @param  maxBodySize                 the most bytes (characters for a Reader) read for one body or element
     * @param  elementsToo                 whether the elements of a Collection body are records of their own (false
     *                                     when the whole List is one JSON array)
     * @throws HightouchValidationException when a body or element is larger than maxBodySize or cannot be read; the
     *                                      message then holds a stream or Reader that gives what was read followed
     *                                      by the rest, so that nothing read is lost
     */
    public static void readStreamBody(Message message, String operation, long maxBodySize, boolean elementsToo)
            throws HightouchValidationException {
        Object body = message.getBody();
        List<Violation> violations = new ArrayList<>();
        if (isFile(body)) {
            // a file (the body of Camel's file consumers) is read once like a stream; the file stays the body when
            // it cannot be read whole
            InputStream opened = message.getBody(InputStream.class);
            if (opened == null) {
                violations.add(new Violation("body", "is a file (" + body.getClass().getName() + ") that cannot be read"));
            } else {
                try (InputStream stream = opened) {
                    Object read = readOnce(stream, "body", maxBodySize, violations::add);
                    if (violations.isEmpty()) {
                        message.setBody(read);
                    }
                } catch (IOException e) {
                    violations.add(new Violation("body", "is a file that cannot be read (" + e.getMessage() + ")"));
                }
            }
        } else if (isStream(body)) {
            message.setBody(readOnce(body, "body", maxBodySize, violations::add));
        } else if (elementsToo && body instanceof Collection<?> records && records.stream().anyMatch(JsonBodies::isStream)) {
            List<Object> read = new ArrayList<>(records.size());
            for (Object record : records) {
                read.add(isStream(record) ? readOnce(record, "[" + read.size() + "]", maxBodySize, violations::add) : record);
            }
            message.setBody(read);
        }
        if (!violations.isEmpty()) {
            throw new HightouchValidationException(operation, violations);
        }
    }

    /**
     * Whether the request of the operation carries the message body (the create and update operations, and raw with
     * a method that has a body), so that {@link #readStreamBody} is due.
     */
    public static boolean carriesMessageBody(HightouchOperation operation, HightouchHttpMethod method) {
        return method.isBodyAllowed()
               && (operation == HightouchOperation.raw || operation.isEvent()
                   || OperationSchemas.forOperation(operation) != null);
    }

    private static boolean isFile(Object body) {
        return body instanceof WrappedFile<?> || body instanceof java.io.File || body instanceof java.nio.file.Path;
    }

    private static boolean isStream(Object body) {
        return body instanceof InputStream || body instanceof Reader;
    }

    /** Where a problem found while reading goes. */
    @FunctionalInterface
    private interface Problems<E extends Exception> {
        void add(Violation violation) throws E;
    }

    /**
     * The whole content of a stream (byte[]) or Reader (String); when it is too large or fails, a stream or Reader
     * giving what was read followed by the rest, and the problem.
     */
    private static <E extends Exception> Object readOnce(Object body, String field, long maxBodySize, Problems<E> problems)
            throws E {
        int limit = (int) Math.min(Integer.MAX_VALUE - 16L, maxBodySize);
        return body instanceof InputStream stream
                ? readStream(stream, field, limit, problems) : readReader((Reader) body, field, limit, problems);
    }

    private static <E extends Exception> Object readStream(InputStream stream, String field, int limit, Problems<E> problems)
            throws E {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[BUFFER];
        try {
            while (read.size() <= limit) {
                int n = stream.read(buffer, 0, Math.min(buffer.length, limit + 1 - read.size()));
                if (n < 0) {
                    closeQuietly(stream);
                    return read.toByteArray();
                }
                read.write(buffer, 0, n);
            }
            problems.add(new Violation(field, "is larger than maxBodySize (" + limit + " bytes)"));
        } catch (IOException e) {
            problems.add(new Violation(field, "could not be read: " + e.getMessage()));
        }
        return new SequenceInputStream(new ByteArrayInputStream(read.toByteArray()), stream);
    }

    private static <E extends Exception> Object readReader(Reader reader, String field, int limit, Problems<E> problems)
            throws E {
        StringBuilder read = new StringBuilder();
        char[] buffer = new char[BUFFER];
        try {
            while (read.length() <= limit) {
                int n = reader.read(buffer, 0, Math.min(buffer.length, limit + 1 - read.length()));
                if (n < 0) {
                    closeQuietly(reader);
                    return read.toString();
                }
                read.append(buffer, 0, n);
            }
            problems.add(new Violation(field, "is larger than maxBodySize (" + limit + " characters)"));
        } catch (IOException e) {
            problems.add(new Violation(field, "could not be read: " + e.getMessage()));
        }
        return pushedBack(reader, read);
    }

    private static Reader pushedBack(Reader rest, CharSequence read) {
        PushbackReader reader = new PushbackReader(rest, Math.max(1, read.length()));
        try {
            reader.unread(read.toString().toCharArray());
        } catch (IOException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        return reader;
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // everything was read
        }
    }

    /**
     * Serializes a JSON tree to request bytes, refusing bodies over the size limit.
     */
    public byte[] write(JsonNode node, String field) throws InvalidJsonBodyException {
        try {
            byte[] bytes = mapper.writeValueAsBytes(node);
            checkSize(field, bytes.length);
            return bytes;
        } catch (JsonProcessingException e) {
            throw new InvalidJsonBodyException(field, "cannot be serialized to JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The most bytes a body may have.
     */
    public long maxBodySize() {
        return maxBodySize;
    }

    /**
     * The mapper the component uses.
     */
    public ObjectMapper mapper() {
        return mapper;
    }

    private JsonNode parse(String field, byte[] bytes) throws InvalidJsonBodyException {
        if (bytes.length == 0) {
            throw new InvalidJsonBodyException(field, "is empty; JSON is required");
        }
        try {
            JsonNode node = oneValue.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new InvalidJsonBodyException(field, "is blank; JSON is required");
            }
            return node;
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new InvalidJsonBodyException(field, "is not valid JSON (" + detail + ")");
        }
    }

    private byte[] readLimited(String field, InputStream stream) throws InvalidJsonBodyException {
        try {
            byte[] bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
            checkSize(field, bytes.length);
            return bytes;
        } catch (IOException e) {
            throw new InvalidJsonBodyException(field, "could not be read: " + e.getMessage());
        }
    }

    private void checkSize(String field, long size) throws InvalidJsonBodyException {
        if (size > maxBodySize) {
            throw new InvalidJsonBodyException(field, "is larger than maxBodySize (" + maxBodySize + " bytes)");
        }
    }

    /**
     * A body that is not usable JSON, with the field it concerns.
     */
    public static final class InvalidJsonBodyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Violation violation;

        InvalidJsonBodyException(String field, String reason) {
            super(BoundedText.cut(field + ": " + reason, HightouchValidationException.MAX_MESSAGE_CHARS), null, false, false);
            this.violation = new Violation(field, reason);
        }

        public List<Violation> violations() {
            return List.of(violation);
        }
    }
}
