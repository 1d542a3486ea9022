package io.inmesh.it.apps;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Calls methods the test-probe hook may target and prints what the agent's bridge counted. Modes:
 * {@code work <n>} (nested overloads, {@code work(int)} calls {@code work(int,int)}), {@code dns
 * <n>}, {@code nio <n>}, {@code agent-thread <n>} (work on an agent thread), {@code helper}.
 */
public final class ProbeApp {
  private ProbeApp() {}

  static int work(int a) {
    return work(a, 1);
  }

  static int work(int a, int b) {
    return a + b;
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    if (Boolean.getBoolean("probe.await")) {
      awaitProbe();
    }
    long sum = 0;
    for (int i = 0; i < n; i++) {
      switch (mode) {
        case "work":
          sum += work(i);
          break;
        case "dns":
          sum += InetAddress.getAllByName("localhost").length > 0 ? 1 : 0;
          break;
        case "nio":
          sum += nioConnect();
          break;
        case "agent-thread":
          sum += onAgentThread(i);
          break;
        default:
          break;
      }
    }
    System.out.println("result=" + sum);
    System.out.println("fired=" + bridge("io.inmesh.bootstrap.TestProbeBridge", "fired"));
    System.out.println("errors=" + bridge("io.inmesh.bootstrap.HookErrors", "total"));
    System.out.println("helper=" + helper());
  }

  private static int nioConnect() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try (SocketChannel client = SocketChannel.open()) {
        return client.connect(server.getLocalAddress()) ? 1 : 0;
      }
    }
  }

  /** Runs work on a thread made by the agent's AgentThreads, which hooks must bypass. */
  private static int onAgentThread(int i) throws Exception {
    int[] result = new int[1];
    Runnable task = () -> result[0] = work(i);
    Class<?> threads = Class.forName("io.inmesh.bootstrap.AgentThreads");
    Thread thread =
        (Thread)
            threads.getMethod("newThread", Runnable.class, String.class).invoke(null, task, "t");
    thread.start();
    thread.join();
    return result[0];
  }

  /** With MESH_STARTUP=async the hooks arrive after main starts: wait for them (at most 30 s). */
  private static void awaitProbe() throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"true".equals(bridge("io.inmesh.bootstrap.TestProbeBridge", "isInstalled"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("test-probe never installed");
      }
      Thread.sleep(10);
    }
  }

  private static String bridge(String className, String method) {
    try {
      Method m = Class.forName(className).getMethod(method);
      return String.valueOf(m.invoke(null));
    } catch (ReflectiveOperationException e) {
      return "none";
    }
  }

  private static String helper() {
    try {
      Class<?> helper = Class.forName("io.inmesh.agent.testprobe.TestProbeHelper");
      return (String) helper.getMethod("origin").invoke(null);
    } catch (ReflectiveOperationException e) {
      return "none";
    }
  }
}
