package io.inmesh.xds;

import io.inmesh.model.MeshConfigSource;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.xds.ads.AdsClients;
import io.inmesh.xds.ads.SnapshotHolder;
import io.inmesh.xds.decode.XdsDecoder;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Mesh configuration from an xDS control plane over ADS (SotW or delta), as proxyless clients use
 * it: a call to {@code host:port} subscribes the Listener of that name, and the client follows it
 * to routes, clusters and endpoints.
 *
 * <p>Construction is cheap and touches neither protobuf nor gRPC; {@link #start()} returns at once
 * and does the slow part (descriptor initialisation, cache restore, connect) on the client's own
 * {@code mesh-xds-*} thread. Snapshots are immutable and published through a volatile field.
 */
public final class XdsConfigSource implements MeshConfigSource {
  private final SnapshotHolder holder;
  private final AdsClients.Handle client;

  public XdsConfigSource(XdsSettings settings) {
    Objects.requireNonNull(settings, "settings");
    this.holder = new SnapshotHolder(settings.log());
    XdsDecoder decoder = new XdsDecoder();
    this.client = AdsClients.create(settings, decoder::decode, holder);
  }

  /** Restores the cache file and connects, in the background. Idempotent. */
  public void start() {
    client.start();
  }

  @Override
  public MeshSnapshot snapshot() {
    return holder.current();
  }

  @Override
  public void addListener(Consumer<MeshSnapshot> listener) {
    holder.addListener(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public CompletableFuture<MeshSnapshot> requestListener(String name) {
    Objects.requireNonNull(name, "name");
    MeshSnapshot current = holder.current();
    if (current.lookup(name) == MeshSnapshot.Lookup.ABSENT) {
      return CompletableFuture.completedFuture(current); // not a mesh service: no hop, no wait
    }
    CompletableFuture<MeshSnapshot> future = new CompletableFuture<>();
    try {
      client.requestListener(name, future);
    } catch (RejectedExecutionException e) {
      future.complete(holder.current()); // closed: the last snapshot is all there is
    }
    return future;
  }

  @Override
  public void close() {
    client.close();
  }
}
