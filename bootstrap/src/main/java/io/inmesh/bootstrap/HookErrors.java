package io.inmesh.bootstrap;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one sink for exceptions thrown inside advice. The agent's ByteBuddy setup makes every
 * suppressed advice exception call {@link #onAdviceError}; it counts per hook and logs only the
 * first per hook, so a broken hook neither floods stderr nor ever throws into the application.
 */
public final class HookErrors {
  private static final ConcurrentMap<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

  private HookErrors() {}

  /** Called by generated advice code; must never throw. */
  public static void onAdviceError(Throwable error, String hook) {
    try {
      AtomicLong count = COUNTS.get(hook);
      if (count == null) {
        AtomicLong fresh = new AtomicLong();
        count = COUNTS.putIfAbsent(hook, fresh);
        if (count == null) {
          count = fresh;
        }
      }
      if (count.incrementAndGet() == 1) {
        MeshLog.warn(
            "hook "
                + hook
                + " failed; the application call went on unchanged (further failures of this hook"
                + " are counted, not logged): "
                + error,
            error);
      }
    } catch (Throwable ignored) {
      // Nothing may escape into the application, not even from the error path.
    }
  }

  /** Failures counted for {@code hook} since start. */
  public static long count(String hook) {
    AtomicLong count = COUNTS.get(hook);
    return count == null ? 0 : count.get();
  }

  /** Failures counted for all hooks since start. */
  public static long total() {
    long sum = 0;
    for (AtomicLong count : COUNTS.values()) {
      sum += count.get();
    }
    return sum;
  }
}
