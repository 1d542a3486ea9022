package io.inmesh.benchmarks.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * The forked side of {@link NetHookCostLauncher}: tight loops of a name lookup and of a loopback
 * connect + close, printed as {@code <case> <median ns/op of 7 batches>}. Cases: {@code
 * resolve-other} ({@code localhost}, the JDK's cache answers), {@code resolve-mesh} (a mesh name,
 * only under the agent), {@code connect-other} (straight to a local server), {@code connect-mesh}
 * (to the mesh name's address, steered to the same server; only under the agent).
 *
 * <p>Usage: {@code <serverPort> <meshName> <meshPort> <withMesh>}.
 */
public final class NetHookCost {
  private static final int BATCHES = 7;

  private NetHookCost() {}

  public static void main(String[] args) throws Exception {
    int serverPort = Integer.parseInt(args[0]);
    String meshName = args[1];
    int meshPort = Integer.parseInt(args[2]);
    boolean withMesh = Boolean.parseBoolean(args[3]);
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress("127.0.0.1", serverPort), 1024);
      Thread acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    server.accept().close();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      if (withMesh) {
        awaitMesh(meshName);
      }
      InetSocketAddress direct = new InetSocketAddress("127.0.0.1", serverPort);
      report("resolve-other", 200_000, () -> InetAddress.getByName("localhost"));
      if (withMesh) {
        report("resolve-mesh", 200_000, () -> InetAddress.getByName(meshName));
      }
      report("connect-other", 2_000, () -> connect(direct));
      if (withMesh) {
        InetSocketAddress mesh = new InetSocketAddress(InetAddress.getByName(meshName), meshPort);
        report("connect-mesh", 2_000, () -> connect(mesh));
      }
    }
  }

  private interface Op {
    void run() throws Exception;
  }

  private static void connect(InetSocketAddress to) throws IOException {
    try (Socket s = new Socket()) {
      s.setSoLinger(true, 0); // no TIME_WAIT pile-up across thousands of connects
      s.connect(to, 2000);
    }
  }

  private static void report(String name, int perBatch, Op op) throws Exception {
    for (int i = 0; i < perBatch; i++) {
      op.run(); // warm-up batch
    }
    long[] ns = new long[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
      long start = System.nanoTime();
      for (int i = 0; i < perBatch; i++) {
        op.run();
      }
      ns[b] = (System.nanoTime() - start) / perBatch;
    }
    Arrays.sort(ns);
    System.out.println(name + " " + ns[BATCHES / 2]);
  }

  private static void awaitMesh(String name) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        InetAddress.getByName(name);
        return;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException(name + " did not resolve through the mesh");
  }
}
