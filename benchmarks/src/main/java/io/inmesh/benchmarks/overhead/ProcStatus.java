package io.inmesh.benchmarks.overhead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads Linux {@code /proc} figures: memory lines of this process, CPU ticks of another. */
final class ProcStatus {
  /** USER_HZ: the unit of /proc/[pid]/stat CPU times, 100 on every Linux the harness runs on. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private ProcStatus() {}

  /** A {@code kB} line of /proc/self/status such as {@code VmRSS}, or -1 off Linux. */
  static long kilobytes(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** User plus system CPU time of a process, in nanoseconds (10 ms resolution). */
  static long cpuNanos(long pid) throws IOException {
    String stat =
        Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
  }
}
