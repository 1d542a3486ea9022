package io.inmesh.benchmarks.overhead;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The harness's parameters.
 *
 * @param meshAgent mesh.jar
 * @param otelAgent the OpenTelemetry javaagent jar (its variant is skipped when absent)
 * @param java the {@code java} launcher for every child
 * @param classpath the class path of the backend and client processes
 * @param rounds rounds; each runs every variant once per client, in rotated order
 * @param clients client library names ({@link HttpDriver#NAMES})
 * @param variants variant names ({@link Variant#NAMES})
 * @param rate calls/s of the fixed-rate phase
 * @param threads concurrent callers of the saturation phase
 * @param warmupSeconds warm-up (at saturation) before measuring
 * @param fixedSeconds length of the fixed-rate phase
 * @param saturationSeconds length of the saturation phase
 * @param backendThreads the backend's executor threads
 * @param workDir where configs and child logs go
 * @param out the Markdown report file, or null
 * @param quick whether this is the {@code --quick} smoke run
 */
record Options(
    Path meshAgent,
    Path otelAgent,
    String java,
    String classpath,
    int rounds,
    List<String> clients,
    List<String> variants,
    int rate,
    int threads,
    double warmupSeconds,
    double fixedSeconds,
    double saturationSeconds,
    int backendThreads,
    Path workDir,
    Path out,
    boolean quick) {

  static final String USAGE =
      """
      Usage: OverheadBenchmark --agent mesh.jar [--otel-agent opentelemetry-javaagent.jar] [--quick]
             [--rounds 3] [--clients jdk,okhttp] [--variants direct,mesh,mesh-passthrough,haproxy,otel]
             [--rate 1000] [--threads 4] [--warmup-seconds 3] [--fixed-seconds 4]
             [--saturation-seconds 4] [--backend-threads 2] [--java PATH] [--classpath CP]
             [--work-dir DIR] [--out report.md]
      --quick: 1 round, the JDK client only, 1 s warm-up and 1.5 s per phase (a smoke run).""";

  Options {
    if (rounds < 1 || rate < 1 || threads < 1 || backendThreads < 1) {
      throw new IllegalArgumentException("rounds, rate, threads and backend threads must be >= 1");
    }
    if (warmupSeconds <= 0 || fixedSeconds <= 0 || saturationSeconds <= 0) {
      throw new IllegalArgumentException("phase lengths must be > 0 seconds");
    }
    for (String client : clients) {
      if (!HttpDriver.NAMES.contains(client)) {
        throw new IllegalArgumentException(
            "unknown client " + client + "; known: " + HttpDriver.NAMES);
      }
    }
    for (String variant : variants) {
      if (!Variant.NAMES.contains(variant)) {
        throw new IllegalArgumentException(
            "unknown variant " + variant + "; known: " + Variant.NAMES);
      }
    }
    if (!variants.contains(Variant.DIRECT)) {
      throw new IllegalArgumentException("the direct variant is the baseline: keep it");
    }
    clients = List.copyOf(clients);
    variants = List.copyOf(variants);
  }

  static Options parse(String... args) {
    Path agent = null;
    Path otel = null;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    boolean quick = Arrays.asList(args).contains("--quick");
    int rounds = quick ? 1 : 3;
    List<String> clients = quick ? List.of("jdk") : HttpDriver.NAMES;
    List<String> variants = Variant.NAMES;
    int rate = 1000;
    int threads = 4;
    double warmup = quick ? 1 : 3;
    double fixed = quick ? 1.5 : 4;
    double saturation = quick ? 1.5 : 4;
    int backendThreads = 2;
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "inmesh-overhead");
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--quick")) {
        continue;
      }
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("bad argument " + arg + "\n" + USAGE);
      }
      String value = args[++i];
      switch (arg) {
        case "--agent" -> agent = Path.of(value);
        case "--otel-agent" -> otel = Path.of(value);
        case "--java" -> java = value;
        case "--classpath" -> classpath = value;
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--clients" -> clients = List.of(value.split(","));
        case "--variants" -> variants = List.of(value.split(","));
        case "--rate" -> rate = Integer.parseInt(value);
        case "--threads" -> threads = Integer.parseInt(value);
        case "--warmup-seconds" -> warmup = Double.parseDouble(value);
        case "--fixed-seconds" -> fixed = Double.parseDouble(value);
        case "--saturation-seconds" -> saturation = Double.parseDouble(value);
        case "--backend-threads" -> backendThreads = Integer.parseInt(value);
        case "--work-dir" -> workDir = Path.of(value);
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
      }
    }
    if (agent == null) {
      throw new IllegalArgumentException("--agent is required\n" + USAGE);
    }
    return new Options(
        agent,
        otel,
        java,
        classpath,
        rounds,
        clients,
        variants,
        rate,
        threads,
        warmup,
        fixed,
        saturation,
        backendThreads,
        workDir,
        out,
        quick);
  }
}
