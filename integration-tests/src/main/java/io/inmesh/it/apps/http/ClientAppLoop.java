package io.inmesh.it.apps.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The command loop every forked client app runs: prints {@code READY}, then answers one line per
 * command read from stdin until {@code EXIT} or end of input.
 *
 * <ul>
 *   <li>{@code CALL <call>} → {@code REPLY <reply>} ({@link DriverCall#encode()}, {@link
 *       DriverReply#encode()});
 *   <li>{@code REPEAT <n> <concurrency> <call>} → {@code SUMMARY <summary>} ({@link
 *       RepeatSummary#encode()}): the same call {@code n} times from {@code concurrency} threads;
 *   <li>{@code EXIT}.
 * </ul>
 */
public final class ClientAppLoop {
  private ClientAppLoop() {}

  public static void run(HttpDriver driver) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    ExecutorService pool = Executors.newCachedThreadPool();
    out.println("READY");
    String line;
    while ((line = in.readLine()) != null) {
      if (line.equals("EXIT")) {
        break;
      }
      if (line.startsWith("CALL ")) {
        out.println("REPLY " + timed(driver, DriverCall.decode(line.substring(5))).encode());
      } else if (line.startsWith("REPEAT ")) {
        String[] parts = line.split(" ", 4);
        int n = Integer.parseInt(parts[1]);
        int concurrency = Integer.parseInt(parts[2]);
        DriverCall call = DriverCall.decode(parts[3]);
        out.println("SUMMARY " + repeat(driver, pool, call, n, concurrency).encode());
      } else {
        out.println("BAD " + line);
      }
    }
    pool.shutdownNow();
    System.exit(0);
  }

  static DriverReply timed(HttpDriver driver, DriverCall call) {
    long start = System.nanoTime();
    DriverReply reply;
    try {
      reply = driver.execute(call);
    } catch (Throwable t) {
      reply = DriverReply.failure(t);
    }
    return reply.withMillis((System.nanoTime() - start) / 1_000_000);
  }

  private static RepeatSummary repeat(
      HttpDriver driver, ExecutorService pool, DriverCall call, int n, int concurrency)
      throws Exception {
    List<DriverReply> replies = Collections.synchronizedList(new ArrayList<>(n));
    int[] next = {0};
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          pool.submit(
              () -> {
                for (; ; ) {
                  synchronized (next) {
                    if (next[0] >= n) {
                      return;
                    }
                    next[0]++;
                  }
                  replies.add(timed(driver, call));
                }
              }));
    }
    for (Future<?> f : workers) {
      f.get();
    }
    return RepeatSummary.of(replies);
  }
}
