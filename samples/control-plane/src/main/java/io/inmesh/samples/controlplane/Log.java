package io.inmesh.samples.controlplane;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** One line per event on standard output; the sample needs nothing more. */
final class Log {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  private Log() {}

  static void info(String message) {
    System.out.println(TIME.format(LocalTime.now()) + " [control-plane] " + message);
    System.out.flush();
  }
}
