package io.inmesh.benchmarks.overhead;

import java.util.List;

/**
 * One HTTP client library as the load client drives it: a blocking keep-alive GET that reads the
 * whole body and returns the status. Implementations must be safe for concurrent callers (the
 * saturation phase calls from several threads), as the libraries' shared clients are.
 *
 * <p>To add a client: implement this, add its name to {@link #create} and to {@link #NAMES}, and
 * put the library on this module's classpath.
 */
public interface HttpDriver extends AutoCloseable {
  /** Every client the harness knows, in report order. */
  List<String> NAMES = List.of("jdk", "okhttp", "urlconnection", "apache4", "apache5");

  /** Sends {@code GET url}, reads the body to the end, and returns the status code. */
  int get(String url) throws Exception;

  @Override
  default void close() {}

  /** The driver for a name of {@link #NAMES}. */
  static HttpDriver create(String name) {
    return switch (name) {
      case "jdk" -> new JdkHttpDriver();
      case "okhttp" -> new OkHttpDriver();
      case "urlconnection" -> new UrlConnectionDriver();
      case "apache4" -> new ApacheHttpClient4Driver();
      case "apache5" -> new ApacheHttpClient5Driver();
      default -> throw new IllegalArgumentException("unknown client " + name + "; known: " + NAMES);
    };
  }
}
