package io.inmesh.xds;

import io.inmesh.model.Locality;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Everything {@link XdsConfigSource} needs, already parsed; the agent maps its environment
 * variables onto it. Build one with {@link #builder(String, int)}.
 *
 * @param host the xDS server's host ({@code MESH_XDS_SERVER} host part)
 * @param port the xDS server's port
 * @param protocol {@code MESH_XDS_PROTOCOL}
 * @param nodeId {@code MESH_NODE_ID}: {@code node.id}, which the control plane keys its config on
 * @param service {@code MESH_SERVICE}: {@code node.cluster}
 * @param locality {@code node.locality}, {@link Locality#NONE} when unknown
 * @param metadata {@code node.metadata} (string values)
 * @param eagerListeners {@code MESH_XDS_LISTENERS}: listener names subscribed at start
 * @param doesNotExistTimeout how long a subscribed name may go unanswered before it counts as
 *     absent. Envoy and gRPC use 15 s; our default is 1 s, because the first call to each {@code
 *     host:port} that is not a mesh service waits this long (once: the answer is then remembered):
 *     xDS has no "does not exist" message for a name never seen, and java-control-plane even stays
 *     silent about the whole type while an unknown name is subscribed. Too short a value on a slow
 *     control plane only makes a mesh name look absent until its listener arrives, which then still
 *     takes effect. The clock starts once the client is up, so its own start-up does not count.
 * @param cacheFile {@code MESH_XDS_CACHE}: last-known-good config file, or null for none
 * @param tls TLS to the server, or null for plaintext
 * @param initialBackoff first reconnect delay (jittered, doubling)
 * @param maxBackoff reconnect delay cap; also the cap of the NACK back-off
 * @param threadFactory makes every thread the client starts; they are renamed {@code mesh-xds-*}
 *     and made daemon, so the agent can recognize its own traffic
 * @param log warnings and state changes, one line each; must not throw
 */
public record XdsSettings(
    String host,
    int port,
    XdsProtocol protocol,
    String nodeId,
    String service,
    Locality locality,
    Map<String, String> metadata,
    List<String> eagerListeners,
    Duration doesNotExistTimeout,
    Path cacheFile,
    XdsTls tls,
    Duration initialBackoff,
    Duration maxBackoff,
    ThreadFactory threadFactory,
    Consumer<String> log) {

  /** Default {@link #doesNotExistTimeout}; see there for why it is shorter than Envoy's 15 s. */
  public static final Duration DEFAULT_DOES_NOT_EXIST_TIMEOUT = Duration.ofSeconds(1);

  public XdsSettings {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("xDS server host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("xDS server port out of range: " + port);
    }
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(nodeId, "nodeId");
    service = service == null ? "" : service;
    locality = locality == null ? Locality.NONE : locality;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    eagerListeners = eagerListeners == null ? List.of() : List.copyOf(eagerListeners);
    requirePositive(doesNotExistTimeout, "doesNotExistTimeout");
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    Objects.requireNonNull(threadFactory, "threadFactory");
    Objects.requireNonNull(log, "log");
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /** A builder with defaults: SotW, 1 s does-not-exist timer, no cache, plaintext. */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /** Fluent construction of {@link XdsSettings}; unset values take the documented defaults. */
  public static final class Builder {
    private final String host;
    private final int port;
    private XdsProtocol protocol = XdsProtocol.SOTW;
    private String nodeId = "inmesh";
    private String service = "";
    private Locality locality = Locality.NONE;
    private Map<String, String> metadata = Map.of();
    private List<String> eagerListeners = List.of();
    private Duration doesNotExistTimeout = DEFAULT_DOES_NOT_EXIST_TIMEOUT;
    private Path cacheFile;
    private XdsTls tls;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private ThreadFactory threadFactory = Thread::new;
    private Consumer<String> log = message -> {};

    private Builder(String host, int port) {
      this.host = host;
      this.port = port;
    }

    public Builder protocol(XdsProtocol v) {
      protocol = v;
      return this;
    }

    public Builder nodeId(String v) {
      nodeId = v;
      return this;
    }

    public Builder service(String v) {
      service = v;
      return this;
    }

    public Builder locality(Locality v) {
      locality = v;
      return this;
    }

    public Builder metadata(Map<String, String> v) {
      metadata = v;
      return this;
    }

    public Builder eagerListeners(List<String> v) {
      eagerListeners = v;
      return this;
    }

    public Builder doesNotExistTimeout(Duration v) {
      doesNotExistTimeout = v;
      return this;
    }

    public Builder cacheFile(Path v) {
      cacheFile = v;
      return this;
    }

    public Builder tls(XdsTls v) {
      tls = v;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      initialBackoff = initial;
      maxBackoff = max;
      return this;
    }

    public Builder threadFactory(ThreadFactory v) {
      threadFactory = v;
      return this;
    }

    public Builder log(Consumer<String> v) {
      log = v;
      return this;
    }

    public XdsSettings build() {
      return new XdsSettings(
          host,
          port,
          protocol,
          nodeId,
          service,
          locality,
          metadata,
          eagerListeners,
          doesNotExistTimeout,
          cacheFile,
          tls,
          initialBackoff,
          maxBackoff,
          threadFactory,
          log);
    }
  }
}
