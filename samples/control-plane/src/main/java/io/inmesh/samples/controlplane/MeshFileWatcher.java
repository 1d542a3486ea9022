package io.inmesh.samples.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls the mesh file's modification time and size and hands changed content to a consumer. Polling
 * (not WatchService) because editors replace files by rename and WatchService misses or doubles
 * those depending on the platform; twice a second is quick enough for a demo.
 */
final class MeshFileWatcher implements AutoCloseable {
  private final Path file;
  private final Consumer<String> onChange;
  private final ScheduledExecutorService timer;
  private FileTime lastModified;
  private long lastSize = -1;
  private String lastContent;

  MeshFileWatcher(Path file, String initialContent, Consumer<String> onChange) {
    this.file = file;
    this.onChange = onChange;
    this.lastContent = initialContent;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mesh-file-watcher");
              t.setDaemon(true);
              return t;
            });
    try {
      lastModified = Files.getLastModifiedTime(file);
      lastSize = Files.size(file);
    } catch (IOException e) {
      lastModified = null; // picked up on the first poll once readable
    }
  }

  void start(long periodMillis) {
    timer.scheduleWithFixedDelay(this::poll, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (modified.equals(lastModified) && size == lastSize) {
        return;
      }
      lastModified = modified;
      lastSize = size;
      String content = Files.readString(file, StandardCharsets.UTF_8);
      if (Objects.equals(content, lastContent)) {
        return; // touched, not changed
      }
      lastContent = content;
      onChange.accept(content);
    } catch (IOException e) {
      Log.info("cannot read " + file + ": " + e + "; keeping the current mesh");
    } catch (RuntimeException e) {
      Log.info("error while reloading " + file + ": " + e + "; keeping the current mesh");
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
