package io.inmesh.instrumentation.jdkhttpclient;

import io.inmesh.engine.HeaderSink;
import io.inmesh.engine.MeshCall;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The request of one attempt: the app's request with the route's header changes, path rewrite and
 * authority, a timeout bounded by the attempt's, and the endpoint to connect to ({@link #target()},
 * read back through {@link RouteTable} when the client asks {@code getAddress()}).
 */
final class RoutedRequest extends HttpRequest {
  /** Headers java.net.http refuses from users; routes cannot set them through this client. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpRequest original;
  private final URI uri;
  private final HttpHeaders headers;
  private final Optional<Duration> timeout;
  private final InetSocketAddress target;

  /** The client's internal copy, set by {@link RouteTable#requestCreated}. */
  volatile Object requestImpl;

  private RoutedRequest(
      HttpRequest original,
      URI uri,
      HttpHeaders headers,
      Optional<Duration> timeout,
      InetSocketAddress target) {
    this.original = original;
    this.uri = uri;
    this.headers = headers;
    this.timeout = timeout;
    this.target = target;
  }

  /**
   * @param timeoutNanos the attempt's time, {@link Long#MAX_VALUE} for none
   */
  static RoutedRequest of(
      HttpRequestView view, MeshCall call, InetSocketAddress target, long timeoutNanos)
      throws URISyntaxException {
    HttpRequest original = view.request();
    URI uri = view.uri();
    String authority = call.authority();
    String pathAndQuery = call.pathAndQuery();
    String originalPathAndQuery =
        view.query() == null ? view.path() : view.path() + "?" + view.query();
    if (!authority.equals(view.authority()) || !pathAndQuery.equals(originalPathAndQuery)) {
      uri = new URI(view.scheme() + "://" + authority + pathAndQuery);
    }
    HttpHeaders headers = original.headers();
    if (call.hasHeaderMutations()) {
      Mutable m = new Mutable(headers.map());
      call.applyHeaders(m);
      headers = HttpHeaders.of(m.map, (n, v) -> true);
    }
    Optional<Duration> timeout =
        timeoutNanos == Long.MAX_VALUE
            ? Optional.empty()
            : Optional.of(Duration.ofNanos(Math.max(1_000_000, timeoutNanos)));
    return new RoutedRequest(original, uri, headers, timeout, target);
  }

  InetSocketAddress target() {
    return target;
  }

  @Override
  public Optional<BodyPublisher> bodyPublisher() {
    return original.bodyPublisher();
  }

  @Override
  public String method() {
    return original.method();
  }

  @Override
  public Optional<Duration> timeout() {
    return timeout;
  }

  @Override
  public boolean expectContinue() {
    return original.expectContinue();
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public Optional<HttpClient.Version> version() {
    return original.version();
  }

  @Override
  public HttpHeaders headers() {
    return headers;
  }

  /** Header changes applied onto a copy of the app's headers (case-insensitive names). */
  private static final class Mutable implements HeaderSink {
    final Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    Mutable(Map<String, List<String>> from) {
      from.forEach((k, v) -> map.put(k, new ArrayList<>(v)));
    }

    @Override
    public void set(String name, String value) {
      if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        List<String> v = new ArrayList<>(1);
        v.add(value);
        map.put(name, v);
      }
    }

    @Override
    public void append(String name, String value) {
      if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        map.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
    }

    @Override
    public void remove(String name) {
      map.remove(name);
    }
  }
}
