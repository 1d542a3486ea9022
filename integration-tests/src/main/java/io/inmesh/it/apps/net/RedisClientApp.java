package io.inmesh.it.apps.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * Opens {@code n} connections to {@code host:port}, each with one client, asks the Redis server
 * behind it {@code INFO server} and counts which server port answered. Prints {@code
 * answered=<port>:<count>,...}, {@code failures=<k>}, and what the connect bridge counted.
 *
 * <p>Usage: phases {@code <client>,<host>,<port>,<n> ...}, each printing one {@code phase ...}
 * line, with client {@code socket} (java.net.Socket), {@code nio} (non-blocking SocketChannel with
 * a Selector), {@code nio-blocking}, {@code jedis}, {@code netty} (Netty NIO transport), {@code
 * virtual} (Socket on virtual threads, JDK 21+); or {@code resolve,<host>} phases; or {@code watch
 * <host> <ip> <readyFile> <timeoutMs>} (resolve until the answer holds {@code ip}).
 */
public final class RedisClientApp {
  private static final byte[] INFO_SERVER =
      "*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n".getBytes(StandardCharsets.US_ASCII);

  private RedisClientApp() {}

  public static void main(String[] args) throws Exception {
    awaitMesh(System.getProperty("await.mesh.name"));
    if (args[0].equals("watch")) {
      watch(args[1], args[2], Path.of(args[3]), Long.parseLong(args[4]));
      return;
    }
    for (String phase : args) {
      if (phase.startsWith("resolve,")) {
        String host = phase.substring("resolve,".length());
        System.out.println("resolved " + host + "=" + addresses(host));
      } else {
        runPhase(phase.split(","));
      }
    }
  }

  /** One phase {@code client,host,port,n}: prints its line of results. */
  private static void runPhase(String[] phase) throws Exception {
    String mode = phase[0];
    String host = phase[1];
    int port = Integer.parseInt(phase[2]);
    int n = Integer.parseInt(phase[3]);
    long steeredBefore = counter("steered");
    long failedBefore = counter("failedAttempts");
    Map<Integer, Integer> answered = new TreeMap<>();
    int failures = 0;
    String lastFailure = "";
    EventLoopGroup group = mode.equals("netty") ? new NioEventLoopGroup(1) : null;
    try {
      for (int i = 0; i < n; i++) {
        try {
          int server =
              switch (mode) {
                case "socket" -> viaSocket(host, port);
                case "nio" -> viaSelector(host, port);
                case "nio-blocking" -> viaBlockingChannel(host, port);
                case "jedis" -> viaJedis(host, port);
                case "netty" -> viaNetty(group, host, port);
                case "virtual" -> onVirtualThread(host, port);
                default -> throw new IllegalArgumentException("unknown client " + mode);
              };
          answered.merge(server, 1, Integer::sum);
        } catch (Exception e) {
          failures++;
          lastFailure = String.valueOf(e).replace(' ', '_');
        }
      }
    } finally {
      if (group != null) {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      }
    }
    StringBuilder sb = new StringBuilder();
    answered.forEach(
        (p, c) -> sb.append(sb.length() == 0 ? "" : ";").append(p).append(':').append(c));
    System.out.println(
        "phase "
            + String.join(",", phase)
            + " answered="
            + sb
            + " failures="
            + failures
            + " steered="
            + (counter("steered") - steeredBefore)
            + " failedAttempts="
            + (counter("failedAttempts") - failedBefore)
            + " hookErrors="
            + bridge("io.inmesh.bootstrap.HookErrors", "total")
            + " lastFailure="
            + lastFailure);
  }

  private static long counter(String name) {
    Object value = bridge("io.inmesh.bootstrap.ConnectBridge", name);
    return value instanceof Long ? (Long) value : -1;
  }

  /**
   * The mesh starts in the background after main begins (names pass through until then): wait until
   * {@code name} resolves, as the tests' mesh names resolve only through the mesh.
   */
  private static void awaitMesh(String name) throws InterruptedException {
    if (name == null) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        InetAddress.getAllByName(name);
        return;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException(name + " did not resolve through the mesh within 20 s");
  }

  private static String addresses(String host) throws IOException {
    return Arrays.toString(InetAddress.getAllByName(host));
  }

  private static void watch(String host, String ip, Path ready, long timeoutMs) throws Exception {
    String first = addresses(host);
    System.out.println("first=" + first);
    Files.writeString(ready, "ready");
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      String now = addresses(host);
      if (now.contains("/" + ip + "]") || now.contains("/" + ip + ",")) {
        System.out.println("changed=" + now);
        System.out.println("millis=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return;
      }
      Thread.sleep(5);
    }
    System.out.println("unchanged=" + addresses(host));
  }

  private static int viaSocket(String host, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2000);
      s.setSoTimeout(5000);
      return ask(s.getInputStream(), s.getOutputStream());
    }
  }

  /** On a virtual thread (JDK 21+; reflective because the apps compile for 17). */
  private static int onVirtualThread(String host, int port) throws Exception {
    java.util.concurrent.ExecutorService virtualThreads =
        (java.util.concurrent.ExecutorService)
            java.util.concurrent.Executors.class
                .getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
    try {
      return virtualThreads.submit(() -> viaSocket(host, port)).get(10, TimeUnit.SECONDS);
    } finally {
      virtualThreads.shutdown();
    }
  }

  private static int viaBlockingChannel(String host, int port) throws IOException {
    try (java.nio.channels.SocketChannel ch =
        java.nio.channels.SocketChannel.open(new InetSocketAddress(host, port))) {
      return ask(ch.socket().getInputStream(), ch.socket().getOutputStream());
    }
  }

  private static int viaSelector(String host, int port) throws IOException {
    try (Selector selector = Selector.open();
        java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open()) {
      ch.configureBlocking(false);
      boolean connected = ch.connect(new InetSocketAddress(host, port));
      if (!connected) {
        SelectionKey key = ch.register(selector, SelectionKey.OP_CONNECT);
        while (!connected) {
          if (selector.select(5000) == 0) {
            throw new IOException("connect did not complete in 5 s");
          }
          selector.selectedKeys().clear();
          connected = ch.finishConnect();
        }
        key.cancel();
        selector.selectNow();
      }
      ch.configureBlocking(true);
      ch.write(ByteBuffer.wrap(INFO_SERVER));
      return ask(ch.socket().getInputStream(), null);
    }
  }

  private static int viaJedis(String host, int port) {
    try (Jedis jedis = new Jedis(host, port)) {
      return serverPort(jedis.info("server"));
    }
  }

  private static int viaNetty(EventLoopGroup group, String host, int port) throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelActive(ChannelHandlerContext ctx) {
                                ctx.writeAndFlush(Unpooled.wrappedBuffer(INFO_SERVER));
                              }

                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf buf = (ByteBuf) msg;
                                byte[] bytes = new byte[buf.readableBytes()];
                                buf.readBytes(bytes);
                                buf.release();
                                received.writeBytes(bytes);
                                String text = received.toString(StandardCharsets.UTF_8);
                                if (complete(text)) {
                                  reply.complete(text);
                                  ctx.close();
                                }
                              }

                              @Override
                              public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
                                reply.completeExceptionally(t);
                                ctx.close();
                              }
                            });
                  }
                });
    Channel ch = b.connect(host, port).sync().channel();
    try {
      return serverPort(reply.get(5, TimeUnit.SECONDS));
    } finally {
      ch.close().sync();
    }
  }

  /** A whole RESP bulk string: {@code $<len>\r\n<len bytes>\r\n}. */
  private static boolean complete(String text) {
    int eol = text.indexOf("\r\n");
    if (!text.startsWith("$") || eol < 0) {
      return false;
    }
    int len = Integer.parseInt(text.substring(1, eol));
    return text.getBytes(StandardCharsets.UTF_8).length >= eol + 2 + len + 2;
  }

  private static int ask(InputStream in, OutputStream out) throws IOException {
    if (out != null) {
      out.write(INFO_SERVER);
      out.flush();
    }
    StringBuilder header = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed before the reply");
      }
      header.append((char) c);
    }
    int len = Integer.parseInt(header.toString().trim().substring(1));
    byte[] body = in.readNBytes(len);
    return serverPort(new String(body, StandardCharsets.UTF_8));
  }

  private static int serverPort(String info) {
    for (String line : info.split("\r\n")) {
      if (line.startsWith("tcp_port:")) {
        return Integer.parseInt(line.substring("tcp_port:".length()).trim());
      }
    }
    throw new IllegalStateException("no tcp_port in INFO server");
  }

  private static Object bridge(String type, String method) {
    try {
      return Class.forName(type, true, null).getMethod(method).invoke(null);
    } catch (ReflectiveOperationException e) {
      return "absent";
    }
  }
}
