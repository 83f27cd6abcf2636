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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender reads every answer whole, whatever its Content-Length says: sized by it when it is right, and still
 * whole when it is missing or wrong.
 */
class AnswerReadTest {

    private static final byte[] ANSWER = "{\"id\":426,\"slug\":\"postgres\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void anAnswerWithItsContentLengthIsReadWhole() throws IOException {
        assertThat(RequestSender.read(entity(ANSWER, ANSWER.length))).isEqualTo(ANSWER);
    }

    @Test
    void anAnswerWithoutContentLengthIsReadWhole() throws IOException {
        assertThat(RequestSender.read(entity(ANSWER, -1))).isEqualTo(ANSWER);
    }

    @Test
    void whatFollowsATooShortContentLengthIsReadToo() throws IOException {
        assertThat(RequestSender.read(entity(ANSWER, 5))).isEqualTo(ANSWER);
        assertThat(RequestSender.read(entity(ANSWER, 0))).isEqualTo(ANSWER);
        assertThat(RequestSender.read(entity(ANSWER, ANSWER.length - 1))).isEqualTo(ANSWER);
    }

    @Test
    void aTooLongContentLengthGivesWhatCame() throws IOException {
        assertThat(RequestSender.read(entity(ANSWER, ANSWER.length + 100))).isEqualTo(ANSWER);
    }

    @Test
    void aLyingContentLengthDoesNotMakeTheSenderAllocateIt() throws IOException {
        // a server declares 60 MB (under the limit) and sends a few bytes: the array follows what came, not the claim
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        byte[] read = RequestSender.read(entity(ANSWER, 60L * 1024 * 1024));
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(read).isEqualTo(ANSWER);
        assertThat(allocated).isLessThan(8L * 1024 * 1024);
    }

    @Test
    void aLargeAnswerWithItsContentLengthIsReadWhole() throws IOException {
        byte[] large = new byte[3 * 1024 * 1024 + 7];
        java.util.Arrays.fill(large, (byte) 'a');
        assertThat(RequestSender.read(entity(large, large.length))).isEqualTo(large);
        assertThat(RequestSender.read(entity(large, large.length - 1000))).isEqualTo(large);
    }

    @Test
    void aContentLengthBeyondTheLimitOrIntRangeIsNotTrusted() throws IOException {
        assertThat(RequestSender.read(entity(ANSWER, 1L << 31))).isEqualTo(ANSWER);
        assertThat(RequestSender.read(entity(ANSWER, Long.MAX_VALUE))).isEqualTo(ANSWER);
    }

    @Test
    void anEmptyAnswerIsEmpty() throws IOException {
        assertThat(RequestSender.read(entity(new byte[0], 0))).isEmpty();
        assertThat(RequestSender.read(entity(new byte[0], -1))).isEmpty();
        assertThat(RequestSender.read(null)).isEmpty();
    }

    private static InputStreamEntity entity(byte[] content, long declaredLength) {
        return new InputStreamEntity(new ByteArrayInputStream(content), declaredLength, ContentType.APPLICATION_JSON);
    }
}
