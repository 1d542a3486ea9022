package io.inmesh.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The measured app: prints the wall-clock time at the start of main, makes its first connection (a
 * name lookup, a connect, one byte each way) and prints the time again, then prints its peak
 * resident set size (VmHWM) after letting background agent work settle.
 *
 * <p>Arguments: {@code sleepMillis [listenPort host port]}: it listens on {@code listenPort} and
 * connects to {@code host:port} (a mesh service steered to that port, or the port itself); by
 * default to an ephemeral port through {@code localhost}.
 */
public final class StartupApp {
  private StartupApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("main-epoch-micros=" + epochMicros());
    int listenPort = args.length > 3 ? Integer.parseInt(args[1]) : 0;
    try (ServerSocket server = new ServerSocket(listenPort, 1, InetAddress.getLoopbackAddress())) {
      String host = args.length > 3 ? args[2] : "localhost";
      int port = args.length > 3 ? Integer.parseInt(args[3]) : server.getLocalPort();
      try (Socket client = new Socket(InetAddress.getByName(host), port);
          Socket accepted = server.accept()) {
        client.getOutputStream().write(1);
        accepted.getInputStream().read();
      }
    }
    System.out.println("connected-epoch-micros=" + epochMicros());
    Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "1000"));
    System.out.println("vmhwm-kb=" + peakRssKb());
  }

  private static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private static long peakRssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
