package io.inmesh.samples.bookinfo;

import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one bookinfo service. The apps know only service names ({@code reviews:9080}, {@code
 * ratings:9080}); the mesh agent makes those names reach an endpoint.
 *
 * <pre>
 * java -javaagent:mesh.jar -jar bookinfo.jar productpage --port 9080
 * java -javaagent:mesh.jar -jar bookinfo.jar reviews --version v2 --port 19082 [--fail-percent 20 [--fail-burst 2]]
 * java -javaagent:mesh.jar -jar bookinfo.jar ratings --port 19090
 * </pre>
 */
public final class Bookinfo {
  /** Where apps find reviews: a name and a port only the mesh knows how to reach. */
  public static final URI REVIEWS = URI.create("http://reviews:9080");

  /** Where apps find ratings. */
  public static final URI RATINGS = URI.create("http://ratings:9080");

  private Bookinfo() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage("a role is required");
    }
    String role = args[0];
    int port = -1;
    String version = null;
    int failPercent = 0;
    int failBurst = 1;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i));
        case "--version" -> version = value(args, ++i);
        case "--fail-percent" -> failPercent = Integer.parseInt(value(args, ++i));
        case "--fail-burst" -> failBurst = Integer.parseInt(value(args, ++i));
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (port < 0) {
      usage("--port is required");
    }
    HttpService service =
        switch (role) {
          case "productpage" -> ProductPage.start(port, REVIEWS);
          case "reviews" -> {
            if (version == null) {
              usage("reviews needs --version v1|v2|v3");
            }
            yield Reviews.start(version, port, failPercent, failBurst, RATINGS);
          }
          case "ratings" -> Ratings.start(port);
          default -> {
            usage("unknown role " + role);
            yield null;
          }
        };
    String label = role + (version == null ? "" : " " + version);
    System.out.println(label + " listening on 127.0.0.1:" + service.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "bookinfo-shutdown"));
    stopped.await(); // the server threads are daemons: this keeps the JVM alive until stopped
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      usage(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println(
        "usage: Bookinfo productpage|reviews|ratings --port <port> [--version v1|v2|v3]"
            + " [--fail-percent 0..100] [--fail-burst N]");
    System.exit(2);
  }
}
