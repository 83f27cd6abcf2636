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
package io.github.camelhightouch.examples;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * The lines one logger writes while a block of a test runs, at the levels the log configuration lets through: an
 * appender added to the root logger for the block, removed on {@link #close()}.
 */
final class CapturedLog implements AutoCloseable {

    private final String loggerName;
    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AbstractAppender appender;

    private CapturedLog(String loggerName) {
        this.loggerName = loggerName;
        this.appender = new AbstractAppender("example-test-capture-" + System.identityHashCode(this), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (CapturedLog.this.loggerName == null || event.getLoggerName().equals(CapturedLog.this.loggerName)) {
                    lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
                }
            }
        };
    }

    /** Starts capturing what every logger writes. */
    static CapturedLog ofEveryLogger() {
        return of(null);
    }

    /** Starts capturing what the logger writes. */
    static CapturedLog of(String loggerName) {
        CapturedLog log = new CapturedLog(loggerName);
        log.appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.addAppender(log.appender);
        config.getRootLogger().addAppender(log.appender, Level.ALL, null);
        context.updateLoggers();
        return log;
    }

    /** The lines so far, each as {@code LEVEL message}. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
