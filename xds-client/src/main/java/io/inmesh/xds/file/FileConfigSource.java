package io.inmesh.xds.file;

import io.inmesh.model.MeshConfigSource;
import io.inmesh.model.MeshSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Mesh configuration from a local file ({@code MESH_CONFIG}) or a classpath resource (the embedded
 * default), in the {@link ConfigDocument} format.
 *
 * <p>The file is authoritative: a listener name it does not hold is absent at once. A watched file
 * is polled (modification time and size, then a content hash) on one daemon thread; a valid change
 * is applied as a new snapshot and announced, an invalid one is reported through the warning
 * callback and the previous snapshot stays. Polling rather than a WatchService keeps it working on
 * every file system and with editors that replace the file.
 */
public final class FileConfigSource implements MeshConfigSource {
  /** The default poll interval. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

  private final String origin;
  private final Consumer<String> warnings;
  private final ScheduledExecutorService thread;
  private final List<Consumer<MeshSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  private volatile MeshSnapshot snapshot = MeshSnapshot.EMPTY;
  // Guarded by lock: the last accepted file content, and every name asked for.
  private MeshSnapshot fileSnapshot = MeshSnapshot.EMPTY;
  private final Set<String> requested = new HashSet<>();

  // Poller state, touched only by the poll thread (and the constructor before it starts).
  private long lastModified = Long.MIN_VALUE;
  private long lastSize = -1;
  private String lastHash = "";
  private boolean reportedMissing;

  private FileConfigSource(String origin, Consumer<String> warnings) {
    this.origin = origin;
    this.warnings = Objects.requireNonNull(warnings, "warnings");
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "inmesh-file-config");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Loads {@code file} now (on the calling thread: call it off the app's startup path) and then
   * polls it every {@code pollInterval}. A missing or invalid file leaves the snapshot empty until
   * a valid version appears.
   */
  public static FileConfigSource watch(
      Path file, Duration pollInterval, Consumer<String> warnings) {
    FileConfigSource source = new FileConfigSource(file.toString(), warnings);
    source.poll(file);
    long ms = Math.max(10, pollInterval.toMillis());
    source.thread.scheduleWithFixedDelay(() -> source.poll(file), ms, ms, TimeUnit.MILLISECONDS);
    return source;
  }

  /** {@link #watch(Path, Duration, Consumer)} with {@link #DEFAULT_POLL}. */
  public static FileConfigSource watch(Path file, Consumer<String> warnings) {
    return watch(file, DEFAULT_POLL, warnings);
  }

  /**
   * A fixed configuration from a classpath resource.
   *
   * @throws InvalidConfigException when the resource is missing or invalid
   */
  public static FileConfigSource fromClasspath(
      String resource, ClassLoader loader, Consumer<String> warnings)
      throws InvalidConfigException {
    String origin = "classpath:" + resource;
    byte[] bytes;
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new InvalidConfigException(origin, List.of("resource not found"));
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new InvalidConfigException(origin, List.of("cannot read: " + e.getMessage()));
    }
    FileConfigSource source = new FileConfigSource(origin, warnings);
    source.apply(ConfigDocument.decode(text(bytes), version(bytes), origin));
    return source;
  }

  @Override
  public MeshSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public void addListener(Consumer<MeshSnapshot> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public CompletableFuture<MeshSnapshot> requestListener(String name) {
    synchronized (lock) {
      if (snapshot.lookup(name) == MeshSnapshot.Lookup.UNKNOWN) {
        requested.add(name);
        publish();
      }
      return CompletableFuture.completedFuture(snapshot);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }

  private void poll(Path file) {
    try {
      long modified = Files.getLastModifiedTime(file).toMillis();
      long size = Files.size(file);
      reportedMissing = false;
      if (modified == lastModified && size == lastSize) {
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      lastModified = modified;
      lastSize = size;
      String hash = version(bytes);
      if (hash.equals(lastHash)) {
        return;
      }
      lastHash = hash;
      try {
        apply(ConfigDocument.decode(text(bytes), hash, origin));
      } catch (InvalidConfigException e) {
        warnings.accept(
            "inmesh: rejected mesh config "
                + e.getMessage()
                + "; keeping version "
                + snapshot.version());
      }
    } catch (NoSuchFileException e) {
      if (!reportedMissing) {
        reportedMissing = true;
        warnings.accept(
            "inmesh: mesh config "
                + origin
                + " does not exist; keeping version "
                + snapshot.version());
      }
    } catch (IOException | RuntimeException e) {
      // Never let the poller die: a later poll may succeed.
      warnings.accept("inmesh: cannot read mesh config " + origin + ": " + e);
    }
  }

  private void apply(MeshSnapshot fromFile) {
    synchronized (lock) {
      fileSnapshot = fromFile;
      publish();
    }
  }

  /** Swaps in the file's resources plus every requested name the file does not hold as absent. */
  private void publish() {
    Set<String> absent = new HashSet<>(requested);
    absent.removeAll(fileSnapshot.listeners().keySet());
    MeshSnapshot next =
        new MeshSnapshot(
            fileSnapshot.version(),
            fileSnapshot.listeners(),
            fileSnapshot.routeConfigurations(),
            fileSnapshot.clusters(),
            fileSnapshot.loadAssignments(),
            absent);
    snapshot = next;
    if (!listeners.isEmpty() && !thread.isShutdown()) {
      thread.execute(() -> notifyListeners(next));
    }
  }

  private void notifyListeners(MeshSnapshot s) {
    for (Consumer<MeshSnapshot> l : listeners) {
      try {
        l.accept(s);
      } catch (RuntimeException e) {
        warnings.accept("inmesh: mesh config listener failed: " + e);
      }
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String version(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "file:" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
