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

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Log4j2 levels changed programmatically for a block of a test, and put back as they were on {@link #close()}: use
 * with try-with-resources. Works with {@link LogCapture}, which captures whatever these levels let through.
 */
public final class LogLevels implements AutoCloseable {

    private final Map<LoggerConfig, Level> explicitLevels = new IdentityHashMap<>();
    private final List<String> addedLoggers = new ArrayList<>();

    private LogLevels() {
    }

    /**
     * Every logger at the level or finer: the root and each configured logger that is coarser (an application
     * running with {@code logging.level.root=DEBUG}, at DEBUG). Loggers without configuration of their own, such as
     * HttpClient's wire and header logs here, follow the root.
     */
    public static LogLevels everyLoggerAt(Level level) {
        LogLevels levels = new LogLevels();
        LoggerContext context = context();
        Configuration config = context.getConfiguration();
        Set<LoggerConfig> loggers = new LinkedHashSet<>(config.getLoggers().values());
        loggers.add(config.getRootLogger());
        for (LoggerConfig logger : loggers) {
            if (logger.getLevel().isMoreSpecificThan(level) && logger.getLevel() != level) {
                levels.set(logger, level);
            }
        }
        context.updateLoggers();
        return levels;
    }

    /** The named logger at the level (a logger configuration added for it when it has none). */
    public static LogLevels loggerAt(String name, Level level) {
        LogLevels levels = new LogLevels();
        LoggerContext context = context();
        Configuration config = context.getConfiguration();
        LoggerConfig existing = config.getLoggers().get(name);
        if (existing == null) {
            config.addLogger(name, new LoggerConfig(name, level, true));
            levels.addedLoggers.add(name);
        } else {
            levels.set(existing, level);
        }
        context.updateLoggers();
        return levels;
    }

    private void set(LoggerConfig logger, Level level) {
        explicitLevels.put(logger, logger.getExplicitLevel());
        logger.setLevel(level);
    }

    /** Puts the levels back as they were. */
    @Override
    public void close() {
        LoggerContext context = context();
        Configuration config = context.getConfiguration();
        explicitLevels.forEach(LoggerConfig::setLevel);
        explicitLevels.clear();
        addedLoggers.forEach(config::removeLogger);
        addedLoggers.clear();
        context.updateLoggers();
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }
}
