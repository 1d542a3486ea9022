package io.inmesh.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The measured app: prints the wall-clock time at the start of main, does a little DNS and socket
 * work, then prints its peak resident set size (VmHWM) after letting background agent work settle.
 */
public final class StartupApp {
  private StartupApp() {}

  public static void main(String[] args) throws Exception {
    Instant atMain = Instant.now();
    System.out.println(
        "main-epoch-micros=" + (atMain.getEpochSecond() * 1_000_000 + atMain.getNano() / 1_000));
    InetAddress.getByName("localhost");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      client.getOutputStream().write(1);
      accepted.getInputStream().read();
    }
    Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "1000"));
    System.out.println("vmhwm-kb=" + peakRssKb());
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
