package io.inmesh.samples.controlplane;

import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A sample xDS control plane: serves the mesh described in a YAML file over ADS (state of the world
 * and delta) on 127.0.0.1, and pushes a new snapshot whenever the file changes to something valid.
 *
 * <p>Run: {@code java -cp ... io.inmesh.samples.controlplane.SampleControlPlane --mesh mesh.yaml
 * --port 15010}. Port 0 picks a free port; the chosen one is logged.
 */
public final class SampleControlPlane implements AutoCloseable {
  /** Every node gets the same snapshot: the sample serves one mesh. */
  static final String NODE_GROUP = "mesh";

  private static final long POLL_MILLIS = 500;

  private final Path meshFile;
  private final SimpleCache<String> cache = new SimpleCache<>(node -> NODE_GROUP);
  private final SnapshotVersioner versioner = new SnapshotVersioner();
  private final MeshYamlParser parser = new MeshYamlParser();
  private final EnvoyTranslator translator = new EnvoyTranslator();
  private final Server server;
  private final MeshFileWatcher watcher;

  private SampleControlPlane(Path meshFile, int port) throws IOException, InvalidMeshException {
    this.meshFile = meshFile;
    String initial = Files.readString(meshFile, StandardCharsets.UTF_8);
    apply(initial); // a bad file at start is fatal: there is nothing older to keep
    V3DiscoveryServer discovery = new V3DiscoveryServer(cache);
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .addService(discovery.getAggregatedDiscoveryServiceImpl())
            .addService(discovery.getListenerDiscoveryServiceImpl())
            .addService(discovery.getRouteDiscoveryServiceImpl())
            .addService(discovery.getClusterDiscoveryServiceImpl())
            .addService(discovery.getEndpointDiscoveryServiceImpl())
            .build()
            .start();
    this.watcher = new MeshFileWatcher(meshFile, initial, this::reload);
    watcher.start(POLL_MILLIS);
    Log.info("listening on 127.0.0.1:" + server.getPort() + ", watching " + meshFile);
  }

  /**
   * Loads {@code meshFile}, starts serving it on 127.0.0.1:{@code port} (0 = any free port) and
   * starts watching the file.
   *
   * @throws InvalidMeshException if the file is not a valid mesh
   */
  public static SampleControlPlane start(Path meshFile, int port)
      throws IOException, InvalidMeshException {
    return new SampleControlPlane(meshFile, port);
  }

  /** The port the xDS server listens on. */
  public int port() {
    return server.getPort();
  }

  /** The number of the mesh version being served: 1 after start, +1 per accepted change. */
  public long meshVersion() {
    return versioner.meshVersion();
  }

  private void apply(String yaml) throws InvalidMeshException {
    MeshSpec mesh = parser.parse(yaml);
    XdsResources resources = translator.translate(mesh);
    versioner
        .next(resources)
        .ifPresentOrElse(
            v -> {
              cache.setSnapshot(NODE_GROUP, v.snapshot());
              Log.info(
                  "serving mesh version "
                      + v.meshVersion()
                      + " ("
                      + v.summary()
                      + ") services="
                      + mesh.services().keySet());
            },
            () -> Log.info("mesh file changed but its resources did not; nothing to push"));
  }

  private void reload(String yaml) {
    try {
      apply(yaml);
    } catch (InvalidMeshException e) {
      Log.info(
          "rejected "
              + meshFile.getFileName()
              + ": "
              + e.getMessage()
              + "; still serving mesh version "
              + versioner.meshVersion());
    }
  }

  /** Blocks until the server stops. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    watcher.close();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path mesh = null;
    int port = 15010;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mesh" -> mesh = Path.of(value(args, ++i, "--mesh"));
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (mesh == null) {
      usage("--mesh is required");
    }
    SampleControlPlane cp;
    try {
      cp = start(mesh, port);
    } catch (InvalidMeshException e) {
      System.err.println("invalid mesh file " + mesh + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(cp::close, "control-plane-shutdown"));
    cp.awaitTermination();
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      usage(flag + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: SampleControlPlane --mesh <mesh.yaml> [--port <port, 0 = any>]");
    System.exit(2);
  }
}
