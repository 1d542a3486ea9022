package io.inmesh.bootstrap;

import java.io.PrintStream;

/**
 * The agent's own logger: one line per message to stderr, prefixed {@code [mesh]}.
 *
 * <p>Deliberately not java.util.logging, SLF4J or Log4j: the application owns those, and
 * initialising them from an agent changes how the application's logging starts. It lives on the
 * bootstrap path so that both the bridge and the agent use it. Never pass secrets to it.
 */
public final class MeshLog {
  /** Verbosity, most severe first. */
  public enum Level {
    ERROR,
    WARN,
    INFO,
    DEBUG
  }

  private static volatile Level level = initialLevel();

  private MeshLog() {}

  /** The level in force before the agent's configuration is read; bad values are reported there. */
  private static Level initialLevel() {
    Level parsed = parse(System.getProperty("mesh.log", System.getenv("MESH_LOG")));
    return parsed == null ? Level.INFO : parsed;
  }

  /** Parses {@code error|warn|info|debug} (any case); null when it is none of them. */
  public static Level parse(String value) {
    if (value == null) {
      return null;
    }
    for (Level candidate : Level.values()) {
      if (candidate.name().equalsIgnoreCase(value.trim())) {
        return candidate;
      }
    }
    return null;
  }

  /** Sets the level from the agent's validated configuration. */
  public static void setLevel(Level newLevel) {
    level = newLevel;
  }

  /** True when messages of {@code candidate} are printed. */
  public static boolean isEnabled(Level candidate) {
    return candidate.ordinal() <= level.ordinal();
  }

  /** True when debug messages are printed; guard costly message building with it. */
  public static boolean isDebug() {
    return isEnabled(Level.DEBUG);
  }

  public static void error(String message) {
    log(Level.ERROR, message, null);
  }

  /** Logs an error with the stack trace of {@code t}. */
  public static void error(String message, Throwable t) {
    log(Level.ERROR, message, t);
  }

  public static void warn(String message) {
    log(Level.WARN, message, null);
  }

  /** Logs a warning; the stack trace of {@code t} is printed at debug level only. */
  public static void warn(String message, Throwable t) {
    log(Level.WARN, message, isDebug() ? t : null);
  }

  public static void info(String message) {
    log(Level.INFO, message, null);
  }

  public static void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  private static void log(Level at, String message, Throwable t) {
    if (!isEnabled(at)) {
      return;
    }
    // Looked up per call: the application may replace System.err.
    PrintStream err = System.err;
    synchronized (err) {
      err.println("[mesh] " + at.name() + ' ' + message);
      if (t != null) {
        t.printStackTrace(err);
      }
    }
  }
}
