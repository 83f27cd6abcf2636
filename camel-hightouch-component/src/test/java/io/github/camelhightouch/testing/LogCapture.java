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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures every log line written through log4j2 while a test class runs: an appender added programmatically to the
 * root logger, accepting every level, with the component's loggers at TRACE and Camel's at DEBUG so that their
 * detailed lines are captured too. Each line is kept with its logger, level, message and the full text of its
 * throwable (messages and stack traces of the whole cause chain).
 * <p>
 * Strings registered with {@link #forbid(String...)} (such as the API key) must appear in no captured line: the check
 * runs after each test and fails it, naming the offending lines with the string masked.
 * <p>
 * {@link #rootAt(Level)} lowers the root logger for the rest of a test, to capture every library's detailed lines too;
 * {@link #atConfiguredLevels()} leaves all loggers at their configured levels for the rest of a test.
 * <p>
 * Register it as a static field: {@code @RegisterExtension static final LogCapture LOGS = new LogCapture();}
 */
public final class LogCapture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The loggers lowered for the capture, and to which level. */
    public static final Map<String, Level> DETAILED_LOGGERS = Map.of(
            "io.github.camelhightouch", Level.TRACE,
            "org.apache.camel", Level.DEBUG);

    private static final String APPENDER_NAME = "hightouch-test-capture";

    private final Queue<Line> lines = new ConcurrentLinkedQueue<>();
    private final List<String> forbidden = new ArrayList<>();
    private final java.util.Set<String> unchecked = new java.util.HashSet<>();
    private final Map<String, Level> previousLevels = new LinkedHashMap<>();
    private final List<String> addedLoggers = new ArrayList<>();
    private CapturingAppender appender;
    private Level rootLevelBeforeTest;
    private boolean atConfiguredLevels;

    /**
     * One captured log line.
     *
     * @param logger    the logger name
     * @param level     the level
     * @param message   the formatted message
     * @param throwable the printed throwable with its causes, or an empty string
     */
    public record Line(String logger, Level level, String message, String throwable) {

        /** Whether the message or the throwable text contains the text. */
        public boolean contains(String text) {
            return message.contains(text) || throwable.contains(text);
        }

        @Override
        public String toString() {
            return level + " " + logger + " - " + message + (throwable.isEmpty() ? "" : "\n" + throwable);
        }
    }

    /**
     * Strings that must never be logged; checked after each test.
     */
    public LogCapture forbid(String... texts) {
        forbidden.addAll(List.of(texts));
        return this;
    }

    /** Every line captured since the test started (or since {@link #clear()}), oldest first. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The captured lines containing the text. */
    public List<Line> linesContaining(String text) {
        return lines.stream().filter(line -> line.contains(text)).collect(Collectors.toList());
    }

    /**
     * Until the end of the current test, the root logger is at the level, so that every library's lines at that level
     * are captured (and written to the test log), HttpClient's header and wire logs among them.
     */
    public LogCapture rootAt(Level level) {
        LoggerContext loggerContext = (LoggerContext) LogManager.getContext(false);
        Configuration config = loggerContext.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        if (rootLevelBeforeTest == null) {
            rootLevelBeforeTest = root.getLevel();
        }
        root.setLevel(level);
        loggerContext.updateLoggers();
        return this;
    }

    /**
     * Until the end of the current test, the {@link #DETAILED_LOGGERS} are back at their configured levels: for tests
     * that measure load or threads, which detailed logging would slow down. Lines at those levels are still captured
     * and checked.
     */
    public LogCapture atConfiguredLevels() {
        if (!atConfiguredLevels) {
            LoggerContext loggerContext = (LoggerContext) LogManager.getContext(false);
            restoreDetailedLoggers(loggerContext.getConfiguration());
            loggerContext.updateLoggers();
            atConfiguredLevels = true;
        }
        return this;
    }

    /**
     * Lines of these loggers are captured but not checked for forbidden strings: for loggers outside the component
     * that are known to print what they resolve (Camel core's property placeholder loggers print a Kamelet's
     * parameters at DEBUG), which the README tells users to keep at INFO.
     */
    public LogCapture unchecked(String... loggers) {
        unchecked.addAll(List.of(loggers));
        return this;
    }

    /** Forgets the lines captured so far. */
    public void clear() {
        lines.clear();
    }

    /**
     * Fails when a captured line contains a forbidden string; the failure message masks the string.
     */
    public void assertNothingForbiddenLogged() {
        for (String text : forbidden) {
            List<Line> leaks = linesContaining(text).stream().filter(line -> !unchecked.contains(line.logger())).toList();
            if (!leaks.isEmpty()) {
                throw new AssertionError(leaks.size() + " captured log line(s) contain a forbidden string:\n"
                                         + leaks.stream().map(line -> line.toString().replace(text, "<FORBIDDEN>"))
                                                 .collect(Collectors.joining("\n")));
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LoggerContext loggerContext = (LoggerContext) LogManager.getContext(false);
        Configuration config = loggerContext.getConfiguration();
        appender = new CapturingAppender(lines);
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            if (!logger.isAdditive() && logger != config.getRootLogger()) {
                logger.addAppender(appender, Level.ALL, null);
            }
        }
        lowerDetailedLoggers(config);
        loggerContext.updateLoggers();
    }

    private void lowerDetailedLoggers(Configuration config) {
        for (Map.Entry<String, Level> entry : DETAILED_LOGGERS.entrySet()) {
            LoggerConfig existing = config.getLoggers().get(entry.getKey());
            if (existing == null) {
                config.addLogger(entry.getKey(), new LoggerConfig(entry.getKey(), entry.getValue(), true));
                addedLoggers.add(entry.getKey());
            } else {
                previousLevels.put(entry.getKey(), existing.getLevel());
                existing.setLevel(entry.getValue());
            }
        }
    }

    private void restoreDetailedLoggers(Configuration config) {
        addedLoggers.forEach(config::removeLogger);
        addedLoggers.clear();
        previousLevels.forEach((name, level) -> config.getLoggers().get(name).setLevel(level));
        previousLevels.clear();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        lines.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            assertNothingForbiddenLogged();
        } finally {
            restoreLevelsOfTheTest();
        }
    }

    private void restoreLevelsOfTheTest() {
        if (rootLevelBeforeTest == null && !atConfiguredLevels) {
            return;
        }
        LoggerContext loggerContext = (LoggerContext) LogManager.getContext(false);
        Configuration config = loggerContext.getConfiguration();
        if (rootLevelBeforeTest != null) {
            config.getRootLogger().setLevel(rootLevelBeforeTest);
            rootLevelBeforeTest = null;
        }
        if (atConfiguredLevels) {
            lowerDetailedLoggers(config);
            atConfiguredLevels = false;
        }
        loggerContext.updateLoggers();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LoggerContext loggerContext = (LoggerContext) LogManager.getContext(false);
        Configuration config = loggerContext.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(APPENDER_NAME);
        }
        config.getRootLogger().removeAppender(APPENDER_NAME);
        restoreDetailedLoggers(config);
        if (config instanceof AbstractConfiguration abstractConfig) {
            abstractConfig.removeAppender(APPENDER_NAME);
        }
        loggerContext.updateLoggers();
        appender.stop();
        lines.clear();
    }

    private static final class CapturingAppender extends AbstractAppender {
        private final Queue<Line> sink;

        CapturingAppender(Queue<Line> sink) {
            super(APPENDER_NAME, null, null, true, Property.EMPTY_ARRAY);
            this.sink = sink;
        }

        @Override
        public void append(LogEvent event) {
            String throwable = "";
            if (event.getThrown() != null) {
                StringWriter text = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(text));
                throwable = text.toString();
            }
            sink.add(new Line(event.getLoggerName(), event.getLevel(), event.getMessage().getFormattedMessage(),
                    throwable));
        }
    }
}
