package io.inmesh.benchmarks.overhead;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The client process of one variant: warms up, then measures a fixed-rate phase and a saturation
 * phase against one URL and prints a single {@code RESULT key=value ...} line ({@link ClientResult}
 * reads it).
 *
 * <p>Fixed rate: one thread sends on a schedule ({@code --rate} calls/s); each call's latency is
 * recorded with HdrHistogram's expected-interval correction, so a stall also counts against the
 * calls it delayed. Saturation: {@code --threads} threads send back to back. For each phase the
 * client also records process CPU time per call, which is far steadier on a noisy machine than
 * latency. At the end: RSS and peak RSS from {@code /proc/self/status}, heap used after a GC.
 *
 * <p>Usage: {@code LoadClient --url U [--client jdk|okhttp] [--rate 1000] [--threads 4]
 * [--warmup-seconds 3] [--fixed-seconds 4] [--saturation-seconds 4]}.
 */
public final class LoadClient {
  private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final HttpDriver driver;
  private final String url;
  private final Counters counters = new Counters();
  private volatile long firstResponseEpochMicros;

  private LoadClient(HttpDriver driver, String url) {
    this.driver = driver;
    this.url = url;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    String url = options.remove("url");
    if (url == null) {
      throw new IllegalArgumentException("--url is required");
    }
    String client = options.getOrDefault("client", "jdk");
    int rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
    int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
    double warmup = Double.parseDouble(options.getOrDefault("warmup-seconds", "3"));
    double fixed = Double.parseDouble(options.getOrDefault("fixed-seconds", "4"));
    double saturation = Double.parseDouble(options.getOrDefault("saturation-seconds", "4"));
    options
        .keySet()
        .removeAll(
            List.of(
                "client",
                "rate",
                "threads",
                "warmup-seconds",
                "fixed-seconds",
                "saturation-seconds"));
    if (!options.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + options.keySet());
    }

    Map<String, String> result = new LinkedHashMap<>();
    try (HttpDriver driver = HttpDriver.create(client)) {
      LoadClient load = new LoadClient(driver, url);
      long failedBeforeFirst = load.awaitFirstResponse(TimeUnit.SECONDS.toNanos(60));
      result.put("failedBeforeFirstResponse", Long.toString(failedBeforeFirst));
      load.saturate(threads, nanos(warmup));
      load.fixedRate(rate, nanos(fixed)).into("fixed", result);
      load.saturate(threads, nanos(saturation)).into("sat", result);
      result.put("firstResponseEpochMicros", Long.toString(load.firstResponseEpochMicros));
      result.put("errors", Long.toString(load.counters.errors.sum()));
      result.put("totalCalls", Long.toString(load.counters.calls.sum()));
    }
    memory(result);
    StringBuilder line = new StringBuilder("RESULT");
    result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    System.out.println(line);
    System.out.flush();
    // The agents' non-daemon threads, if any, must not keep a finished client alive.
    System.exit(0);
  }

  private static long nanos(double seconds) {
    return (long) (seconds * 1e9);
  }

  /**
   * Calls until one succeeds: an agent may still be loading its configuration when main starts, and
   * that wait belongs to startup, not to the warm-up or the measured phases. Returns the calls that
   * failed meanwhile; they are not counted as errors.
   */
  private long awaitFirstResponse(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    long failed = 0;
    while (!call()) {
      failed++;
      if (System.nanoTime() - deadline > 0) {
        break; // the warm-up and phases then report the failures as errors
      }
    }
    counters.errors.add(-failed);
    counters.calls.add(-failed);
    return failed;
  }

  private PhaseResult fixedRate(int rate, long durationNanos) {
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    Histogram histogram = new Histogram(MAX_LATENCY_NANOS, 3);
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    long calls = 0;
    for (long next = start; next - start < durationNanos; next += interval) {
      long wait;
      while ((wait = next - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      long sent = System.nanoTime();
      if (call()) {
        histogram.recordValueWithExpectedInterval(
            Math.min(System.nanoTime() - sent, MAX_LATENCY_NANOS), interval);
        calls++;
      }
    }
    long elapsed = System.nanoTime() - start;
    return new PhaseResult(calls, elapsed, histogram, processCpuNanos() - cpuBefore);
  }

  private PhaseResult saturate(int threads, long durationNanos) throws InterruptedException {
    List<Histogram> histograms = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    long[] calls = new long[threads];
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    long end = start + durationNanos;
    for (int t = 0; t < threads; t++) {
      Histogram histogram = new Histogram(MAX_LATENCY_NANOS, 3);
      histograms.add(histogram);
      int slot = t;
      Thread worker =
          new Thread(
              () -> {
                long n = 0;
                while (System.nanoTime() - end < 0) {
                  long sent = System.nanoTime();
                  if (call()) {
                    histogram.recordValue(Math.min(System.nanoTime() - sent, MAX_LATENCY_NANOS));
                    n++;
                  }
                }
                calls[slot] = n;
              },
              "load-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    long elapsed = System.nanoTime() - start;
    Histogram all = new Histogram(MAX_LATENCY_NANOS, 3);
    histograms.forEach(all::add);
    long total = 0;
    for (long n : calls) {
      total += n;
    }
    return new PhaseResult(total, elapsed, all, processCpuNanos() - cpuBefore);
  }

  /** One call; false (and counted) when it failed, so failures never pass for fast answers. */
  private boolean call() {
    boolean ok;
    try {
      int status = driver.get(url);
      ok = status == 200;
      if (!ok) {
        counters.error("status " + status);
      }
    } catch (Exception e) {
      counters.error(e.toString());
      ok = false;
      // A refused connection fails in microseconds: do not spin through the whole phase.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    if (ok && firstResponseEpochMicros == 0) {
      Instant now = Instant.now();
      firstResponseEpochMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
    counters.call();
    return ok;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void memory(Map<String, String> result) {
    System.gc();
    System.gc();
    result.put(
        "heapUsedKb",
        Long.toString(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024));
    result.put("rssKb", Long.toString(ProcStatus.kilobytes("VmRSS")));
    result.put("hwmKb", Long.toString(ProcStatus.kilobytes("VmHWM")));
  }

  /** Calls and errors over every thread; the first failure is printed for diagnosis. */
  private static final class Counters {
    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicBoolean reported = new AtomicBoolean();

    void call() {
      calls.increment();
    }

    void error(String what) {
      errors.increment();
      if (reported.compareAndSet(false, true)) {
        System.err.println("first failed call: " + what);
      }
    }
  }

  private record PhaseResult(long calls, long elapsedNanos, Histogram histogram, long cpuNanos) {
    void into(String prefix, Map<String, String> out) {
      double seconds = elapsedNanos / 1e9;
      out.put(prefix + "Calls", Long.toString(calls));
      out.put(prefix + "CallsPerSec", format(calls / seconds));
      out.put(prefix + "P50Us", format(histogram.getValueAtPercentile(50) / 1e3));
      out.put(prefix + "P99Us", format(histogram.getValueAtPercentile(99) / 1e3));
      out.put(prefix + "CpuUsPerCall", format(calls == 0 ? 0 : cpuNanos / 1e3 / calls));
    }

    private static String format(double value) {
      return String.format(java.util.Locale.ROOT, "%.2f", value);
    }
  }
}
