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
package io.github.camelhightouch.internal.progress;

import org.apache.camel.LoggingLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes progress lines (a waited run's status changes, a long list read, a long List body) to the logger
 * {@value #LOGGER_NAME} at the level of the progressLoggingLevel option; OFF writes none. The lines hold ids, statuses,
 * counts and times, never a key.
 */
public final class ProgressLog {

    /** The one logger of every progress line, so that a log configuration can show or hide them all. */
    public static final String LOGGER_NAME = "io.github.camelhightouch.progress";

    /** Writes nothing. */
    public static final ProgressLog OFF = new ProgressLog(LoggingLevel.OFF);

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final LoggingLevel level;

    public ProgressLog(LoggingLevel level) {
        this.level = level == null ? LoggingLevel.INFO : level;
    }

    /** The level the lines are written at. */
    public LoggingLevel level() {
        return level;
    }

    /** Whether a line would be written: callers skip building it otherwise. */
    public boolean isEnabled() {
        return switch (level) {
            case OFF -> false;
            case TRACE -> LOG.isTraceEnabled();
            case DEBUG -> LOG.isDebugEnabled();
            case INFO -> LOG.isInfoEnabled();
            case WARN -> LOG.isWarnEnabled();
            case ERROR -> LOG.isErrorEnabled();
        };
    }

    /** Writes one line, an SLF4J format with its arguments. */
    public void log(String format, Object... arguments) {
        switch (level) {
            case TRACE -> LOG.trace(format, arguments);
            case DEBUG -> LOG.debug(format, arguments);
            case INFO -> LOG.info(format, arguments);
            case WARN -> LOG.warn(format, arguments);
            case ERROR -> LOG.error(format, arguments);
            default -> {
                // OFF
            }
        }
    }

    /** Milliseconds since a System.nanoTime() reading. */
    public static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
