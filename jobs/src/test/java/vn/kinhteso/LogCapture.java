package vn.kinhteso;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything Spark, Delta, Hadoop and kinhteso log at INFO and above while it is open, as a
 * cluster's default log configuration would keep it, stack traces included.
 */
public final class LogCapture implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final Appender appender;
  private final Level rootLevel;
  private final java.util.Map<String, Appender> others;

  public LogCapture() {
    Configuration config = context.getConfiguration();
    appender =
        WriterAppender.createAppender(
            PatternLayout.newBuilder()
                .withPattern("%p %c: %m%n%throwable")
                .withConfiguration(config)
                .build(),
            null,
            text,
            "kinhteso-capture",
            false,
            true);
    appender.start();
    config.addAppender(appender);
    LoggerConfig root = config.getRootLogger();
    rootLevel = root.getLevel();
    // The console goes on at its level; only the capture hears INFO.
    others = new java.util.LinkedHashMap<>(root.getAppenders());
    others
        .values()
        .forEach(
            a -> {
              root.removeAppender(a.getName());
              root.addAppender(a, rootLevel, null);
            });
    root.setLevel(Level.INFO);
    root.addAppender(appender, Level.INFO, null);
    context.updateLoggers();
  }

  public String text() {
    return text.toString();
  }

  @Override
  public void close() {
    LoggerConfig root = context.getConfiguration().getRootLogger();
    root.removeAppender(appender.getName());
    others
        .values()
        .forEach(
            a -> {
              root.removeAppender(a.getName());
              root.addAppender(a, null, null);
            });
    root.setLevel(rootLevel);
    context.updateLoggers();
    appender.stop();
  }
}
