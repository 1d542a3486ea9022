package io.inmesh.xds.ads;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.xds.XdsProtocol;
import io.inmesh.xds.XdsSettings;
import io.inmesh.xds.ads.ResponseUpdate.RawResource;
import io.inmesh.xds.decode.DecodedResource;
import io.inmesh.xds.decode.InvalidResourceException;
import io.inmesh.xds.decode.ResourceType;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The ADS state machine: subscriptions that follow the resource graph (LDS → RDS → CDS → EDS),
 * ACK/NACK, does-not-exist timers, reconnects, and the snapshot built from what was accepted.
 *
 * <p>Everything runs on one event loop thread (also gRPC's callback executor), so there are no
 * locks; the outside world sees only the published immutable snapshot.
 *
 * <p>Does-not-exist handling copes with servers that stay silent rather than answer without an
 * unknown name (java-control-plane in SotW ADS answers nothing of a type while any subscribed name
 * is unknown). In SotW:
 *
 * <ul>
 *   <li>A server answers a known name within a round trip (10–30 ms on loopback), so a name left
 *       unanswered for a short stall time is probably unknown. When other names wait behind it, it
 *       is held out of the subscription (its own timer still decides), so that a name asked for
 *       just after an unknown one is answered at once rather than declared absent with it. When
 *       several names stall together, any of them may be the culprit: they are re-added one at a
 *       time, so a real name is never declared absent because of an unknown neighbour.
 *   <li>When a name's timer runs out and the server has answered that type since (or the name alone
 *       can explain its silence), the name does not exist, and is dropped from the subscription so
 *       that the server answers the rest again.
 *   <li>A name found absent is asked for again later, one at a time, after a jittered back-off from
 *       5 s doubling to 60 s, so a service added to the mesh is picked up without a restart and
 *       without hammering the server. Meanwhile the snapshot says absent: callers never wait.
 * </ul>
 *
 * <p>In delta the server answers for the names it has and pushes the others when they appear
 * (java-control-plane keeps them pending), so an absent name simply stays subscribed, as in Envoy.
 */
final class AdsClient implements StreamHandler {
  private static final ResourceType[] ORDER = ResourceType.values();
  private static final long FIRST_NACK_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long CACHE_WRITE_DELAY_MILLIS = 500;

  /**
   * How long a SotW name may go unanswered before it is suspected of holding the server back. Far
   * above a round trip, far below the does-not-exist time (and at most a quarter of it).
   */
  private static final long MAX_STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private static final java.time.Duration RECHECK_INITIAL = java.time.Duration.ofSeconds(5);
  private static final java.time.Duration RECHECK_MAX = java.time.Duration.ofSeconds(60);

  private final XdsSettings settings;
  private final ScheduledExecutorService loop;
  private final ResourceDecoding decoder;
  private final SnapshotHolder holder;
  private final Consumer<String> log;
  private final Map<ResourceType, TypeState> types = new EnumMap<>(ResourceType.class);
  private final Set<String> requested = new LinkedHashSet<>();
  private final Map<String, List<CompletableFuture<MeshSnapshot>>> waiting = new HashMap<>();
  private final Backoff reconnectBackoff;
  private final LastGoodFile cacheFile;
  private final long stallNanos;
  private final boolean sotw;

  private Map<ResourceType, Set<String>> wanted = new EnumMap<>(ResourceType.class);
  private ChannelFactory channels;
  private Node node;
  private ManagedChannel channel;
  private AdsStream stream;
  private ScheduledFuture<?> reconnect;
  private ScheduledFuture<?> cacheWrite;
  private long seq;
  private boolean dirty;
  private boolean closed;

  AdsClient(
      XdsSettings settings,
      ScheduledExecutorService loop,
      ResourceDecoding decoder,
      SnapshotHolder holder) {
    this.settings = settings;
    this.loop = loop;
    this.decoder = decoder;
    this.holder = holder;
    this.log = settings.log();
    this.reconnectBackoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
    this.stallNanos = Math.min(MAX_STALL_NANOS, settings.doesNotExistTimeout().toNanos() / 4);
    this.sotw = settings.protocol() == XdsProtocol.SOTW;
    this.cacheFile =
        settings.cacheFile() == null ? null : new LastGoodFile(settings.cacheFile(), log);
    for (ResourceType type : ORDER) {
      types.put(type, new TypeState(type));
      wanted.put(type, Set.of());
    }
  }

  // ---- lifecycle (event loop) ----

  /** Restores the last-known-good file, then connects. Slow (proto and gRPC initialisation). */
  void start() {
    if (closed) {
      return;
    }
    requested.addAll(settings.eagerListeners());
    if (cacheFile != null) {
      restore();
    }
    node = NodeFactory.create(settings);
    warmUp();
    try {
      channels = new ChannelFactory(settings, loop);
    } catch (RuntimeException e) {
      log.accept("xDS: disabled, cannot set up the connection: " + e.getMessage());
      close();
      return;
    }
    connect();
    waiting.keySet().forEach(this::scheduleRequestTimeout);
  }

  /**
   * Initialises the big Envoy descriptors now, on our thread, rather than inside the first
   * response, where it would eat into the does-not-exist time of the first requests.
   */
  private static void warmUp() {
    io.envoyproxy.envoy.config.listener.v3.Listener.getDescriptor();
    io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
        .getDescriptor();
    io.envoyproxy.envoy.config.route.v3.RouteConfiguration.getDescriptor();
    io.envoyproxy.envoy.config.cluster.v3.Cluster.getDescriptor();
    io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment.getDescriptor();
    io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse.getDescriptor();
    io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse.getDescriptor();
  }

  private void restore() {
    List<LastGoodFile.Restored> restored = cacheFile.read(decoder);
    for (LastGoodFile.Restored r : restored) {
      types.get(r.type()).received.put(r.entry().decoded().name(), r.entry());
      if (r.type() == ResourceType.LISTENER) {
        requested.add(r.entry().decoded().name());
      }
    }
    if (!restored.isEmpty()) {
      log.accept("xDS: restored " + restored.size() + " resources from " + cacheFile.path() + "");
      dirty = true;
      reconcile();
    }
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (reconnect != null) {
      reconnect.cancel(false);
    }
    types.values().forEach(TypeState::cancelAllTimers);
    types.values().forEach(TypeState::cancelAllRechecks);
    dropStream();
    if (cacheWrite != null && cacheWrite.cancel(false)) {
      writeCache();
    }
    if (channels != null) {
      channels.close();
    }
    waiting.values().forEach(fs -> fs.forEach(f -> f.complete(holder.current())));
    waiting.clear();
  }

  private void connect() {
    reconnect = null;
    if (closed) {
      return;
    }
    try {
      channel = channels.create();
    } catch (RuntimeException e) {
      log.accept("xDS: cannot create channel: " + e);
      scheduleReconnect();
      return;
    }
    stream =
        settings.protocol() == XdsProtocol.SOTW
            ? new SotwStream(channel, node, this, log)
            : new DeltaStream(channel, node, this, log);
    for (TypeState ts : types.values()) {
      ts.cancelAllTimers();
      // Held names lost their timers with the old stream: ask again, one at a time.
      ts.held.forEach(ts.deferred::addLast);
      ts.held.clear();
      ts.opened = false;
      ts.subscribed = new LinkedHashSet<>();
      ts.lastResponseAt = -1;
      ts.nacks = 0;
    }
    reconcile();
  }

  private void dropStream() {
    if (stream != null) {
      AdsStream s = stream;
      stream = null;
      try {
        s.close();
      } catch (RuntimeException ignored) {
        // The stream may already be dead; closing is best effort.
      }
    }
    if (channel != null) {
      channel.shutdownNow();
      channel = null;
    }
  }

  private void scheduleReconnect() {
    long delay = reconnectBackoff.nextNanos();
    log.accept("xDS: reconnecting in " + TimeUnit.NANOSECONDS.toMillis(delay) + " ms");
    reconnect = loop.schedule(guard(this::connect), delay, TimeUnit.NANOSECONDS);
  }

  // ---- API (event loop) ----

  void requestListener(String name, CompletableFuture<MeshSnapshot> future) {
    if (!closed && requested.add(name)) {
      reconcile(); // may publish at once: delta servers send listeners nobody asked for
    }
    if (closed || listenerSettled(name)) {
      future.complete(holder.current());
      return;
    }
    List<CompletableFuture<MeshSnapshot>> futures =
        waiting.computeIfAbsent(name, n -> new ArrayList<>());
    futures.add(future);
    if (futures.size() == 1 && channels != null) {
      scheduleRequestTimeout(name);
    }
  }

  /**
   * Callers get an answer within the does-not-exist time even while the server is away. The clock
   * starts once the client is up (or now, if it is): a name asked for while the client is still
   * initialising is not declared absent because of our own start-up.
   */
  private void scheduleRequestTimeout(String name) {
    loop.schedule(
        guard(() -> requestTimedOut(name)),
        settings.doesNotExistTimeout().toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private void requestTimedOut(String name) {
    TypeState listeners = types.get(ResourceType.LISTENER);
    if (!listeners.received.containsKey(name) && listeners.expired.add(name)) {
      dirty = true;
    }
    reconcile();
    List<CompletableFuture<MeshSnapshot>> futures = waiting.remove(name);
    if (futures != null) {
      futures.forEach(f -> f.complete(holder.current()));
    }
  }

  // ---- stream events (event loop) ----

  @Override
  public void onUpdate(AdsStream from, ResponseUpdate update) {
    if (from != stream || closed) {
      return;
    }
    try {
      apply(update);
    } catch (RuntimeException e) {
      log.accept("xDS: failed to apply a " + update.type() + " response: " + e);
    }
  }

  private void apply(ResponseUpdate update) {
    reconnectBackoff.reset();
    TypeState ts = types.get(update.type());
    ts.lastResponseAt = ++seq;
    List<String> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RawResource raw : update.resources()) {
      DecodedResource decoded;
      try {
        decoded = decoder.decode(update.type(), raw.resource());
      } catch (InvalidResourceException e) {
        errors.add(e.getMessage());
        if (!e.resourceName().isEmpty()) {
          seen.add(e.resourceName()); // keeps its last good copy: not a removal
        }
        continue;
      }
      String name = decoded.name();
      if (raw.name() != null && !raw.name().isEmpty() && !raw.name().equals(name)) {
        errors.add("resource " + raw.name() + ": carries a resource named " + name);
        seen.add(raw.name());
        continue;
      }
      seen.add(name);
      if (update.stateOfTheWorld()
          && !ts.subscribed.contains(name)
          && !wanted.get(ts.type).contains(name)) {
        continue; // not asked for (a wildcard answer): nothing of ours depends on it
      }
      // A wanted name dropped from the subscription by its does-not-exist timer is taken too: the
      // answer was merely late (a loaded machine), and accepting it re-subscribes the name.
      accept(ts, name, new ResourceEntry(decoded, raw.resource(), raw.version()));
    }
    if (update.stateOfTheWorld()
        && (update.type() == ResourceType.LISTENER || update.type() == ResourceType.CLUSTER)) {
      // SotW LDS/CDS list every subscribed resource that exists: one we held and is left out is
      // gone. A name never received is left to its timer: this response may answer a request
      // sent before the name was added, and cannot tell us it does not exist.
      for (String name : new ArrayList<>(ts.subscribed)) {
        if (!seen.contains(name) && ts.received.containsKey(name)) {
          removed(ts, name);
        }
      }
    }
    for (String name : update.removed()) {
      removed(ts, name);
    }
    if (errors.isEmpty()) {
      ts.acceptedVersion = update.version();
      ts.nacks = 0;
      cancelPendingNack(ts);
      stream.ack(update.type(), update.version(), update.nonce());
    } else {
      nack(ts, update, String.join("; ", errors));
    }
    reconcile();
  }

  private void accept(TypeState ts, String name, ResourceEntry entry) {
    ResourceEntry old = ts.received.put(name, entry);
    if (old == null || !old.raw().equals(entry.raw())) {
      dirty = true;
    }
    ts.cancelTimer(name);
    ts.missing.remove(name);
    ts.expired.remove(name);
    ts.held.remove(name);
    ts.deferred.remove(name);
    ts.dropRecheck(name);
  }

  /** The server says {@code name} is gone: absent now, but still asked for in case it returns. */
  private void removed(TypeState ts, String name) {
    if (ts.received.remove(name) != null) {
      dirty = true;
    }
    if (wanted.get(ts.type).contains(name) && ts.expired.add(name)) {
      dirty = true;
    }
    ts.cancelTimer(name);
  }

  /**
   * NACKs at once the first time; when the server re-sends the same rejected config straight away
   * (java-control-plane does, hundreds of times a second), each further NACK waits twice as long.
   */
  private void nack(TypeState ts, ResponseUpdate update, String error) {
    log.accept("xDS: NACK " + update.type() + " version " + update.version() + ": " + error);
    ts.nacks++;
    cancelPendingNack(ts);
    AdsStream s = stream;
    Runnable send = () -> s.nack(update.type(), ts.acceptedVersion, update.nonce(), error);
    if (ts.nacks == 1) {
      send.run();
      return;
    }
    long delay =
        Math.min(
            FIRST_NACK_BACKOFF_NANOS << Math.min(ts.nacks - 2, 20),
            settings.maxBackoff().toNanos());
    ts.pendingNack =
        loop.schedule(
            guard(
                () -> {
                  ts.pendingNack = null;
                  if (s == stream) {
                    send.run();
                  }
                }),
            delay,
            TimeUnit.NANOSECONDS);
  }

  private static void cancelPendingNack(TypeState ts) {
    if (ts.pendingNack != null) {
      ts.pendingNack.cancel(false);
      ts.pendingNack = null;
    }
  }

  @Override
  public void onClosed(AdsStream from, Status status) {
    if (from != stream || closed) {
      return;
    }
    log.accept(
        "xDS: stream to "
            + settings.host()
            + ":"
            + settings.port()
            + " ended: "
            + status.getCode()
            + (status.getDescription() == null ? "" : " " + status.getDescription())
            + (status.getCause() == null ? "" : " (" + status.getCause() + ")"));
    types.values().forEach(TypeState::cancelAllTimers);
    dropStream();
    scheduleReconnect();
  }

  private void doesNotExistTimerFired(TypeState ts, String name) {
    ts.timers.remove(name);
    boolean wasHeld = ts.held.remove(name);
    if (ts.received.containsKey(name) || (!wasHeld && !ts.subscribed.contains(name))) {
      return;
    }
    Set<String> silent = ts.silent();
    if (!sotw
        || wasHeld
        || !silent.contains(name)
        || silent.size() == 1
        || silentAloneForStallTime(ts, name, silent)) {
      // The server answered this type since and left the name out, or the name alone can explain
      // its silence (held names were silent alone): it does not exist.
      ts.sentAt.remove(name);
      ts.sentNanos.remove(name);
      declareAbsent(ts, name);
      reconcile();
    } else {
      // Several new names and no answer (the stall check did not get to them in time): probe this
      // one alone, hold the others back.
      ts.cancelTimer(name);
      for (String other : silent) {
        if (!other.equals(name)) {
          ts.cancelTimer(other);
          ts.deferred.add(other);
        }
      }
      reconcile(); // sends the smaller subscription
      if (stream != null && ts.subscribed.contains(name)) {
        startTimer(ts, name, seq);
      }
    }
  }

  /**
   * Whether every other silent name was sent at least the stall time after {@code name}: then
   * {@code name} was the only unanswered one for that long, and is the one holding the server back.
   * (A timer can run just after a new name was sent, before the stall check gets to it.)
   */
  private boolean silentAloneForStallTime(TypeState ts, String name, Set<String> silent) {
    Long mine = ts.sentNanos.get(name);
    if (mine == null) {
      return false;
    }
    for (String other : silent) {
      Long theirs = ts.sentNanos.get(other);
      if (!other.equals(name) && (theirs == null || theirs - mine < stallNanos)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Absent for now. In SotW the name leaves the subscription (it would hold back every answer of
   * its type) and is asked for again after a back-off; in delta it stays subscribed and the server
   * sends it if it appears.
   */
  private void declareAbsent(TypeState ts, String name) {
    if (!ts.recheckBackoffs.containsKey(name)) {
      log.accept("xDS: " + ts.type + " " + name + " does not exist");
    }
    ts.missing.add(name);
    if (ts.expired.add(name)) {
      dirty = true; // a failed re-check changes nothing the snapshot shows: publish nothing
    }
    if (sotw) {
      scheduleRecheck(ts, name);
    }
  }

  private void scheduleRecheck(TypeState ts, String name) {
    long delay =
        ts.recheckBackoffs
            .computeIfAbsent(name, n -> new Backoff(RECHECK_INITIAL, RECHECK_MAX))
            .nextNanos();
    ScheduledFuture<?> old =
        ts.rechecks.put(
            name, loop.schedule(guard(() -> recheck(ts, name)), delay, TimeUnit.NANOSECONDS));
    if (old != null) {
      old.cancel(false);
    }
  }

  /**
   * Asks the server again for a name found absent. It joins the names re-added one at a time when
   * the subscription is quiet, so it never holds back a name asked for meanwhile for longer than
   * the stall time; the snapshot keeps saying absent until it is received.
   */
  private void recheck(TypeState ts, String name) {
    ts.rechecks.remove(name);
    if (closed || !ts.missing.remove(name)) {
      return;
    }
    if (!ts.deferred.contains(name)) {
      ts.deferred.addLast(name);
    }
    reconcile();
  }

  /**
   * SotW: looks at the names the server has left unanswered for the stall time. One stalled name
   * with others waiting is held out of the subscription; several stalled names are re-added one at
   * a time. A lone stalled name with nothing waiting is left to its does-not-exist timer.
   */
  private void stallCheck(TypeState ts) {
    ts.stallCheck = null;
    if (closed || stream == null) {
      return;
    }
    long now = System.nanoTime();
    Set<String> silent = ts.silent();
    List<String> stalled = new ArrayList<>();
    for (String name : silent) {
      Long sent = ts.sentNanos.get(name);
      if (sent != null && now - sent >= stallNanos) {
        stalled.add(name);
      }
    }
    boolean othersWait = silent.size() > stalled.size() || !ts.deferred.isEmpty();
    if (stalled.size() >= 2) {
      for (String name : stalled) {
        ts.cancelTimer(name);
        ts.deferred.addFirst(name);
      }
    } else if (stalled.size() == 1 && othersWait) {
      ts.held.add(stalled.get(0));
    }
    reconcile();
  }

  /** Schedules a {@link #stallCheck} when silent names may be holding others back. */
  private void maybeScheduleStallCheck(TypeState ts) {
    if (!sotw || stream == null || ts.stallCheck != null) {
      return;
    }
    Set<String> silent = ts.silent();
    if (silent.isEmpty() || (silent.size() == 1 && ts.deferred.isEmpty())) {
      return;
    }
    long oldest = Long.MAX_VALUE;
    for (String name : silent) {
      Long sent = ts.sentNanos.get(name);
      if (sent != null) {
        oldest = Math.min(oldest, sent);
      }
    }
    if (oldest == Long.MAX_VALUE) {
      return;
    }
    long delay = Math.max(0, oldest + stallNanos - System.nanoTime());
    ts.stallCheck = loop.schedule(guard(() -> stallCheck(ts)), delay, TimeUnit.NANOSECONDS);
  }

  private void startTimer(TypeState ts, String name, long at) {
    ts.sentAt.put(name, at);
    ts.sentNanos.put(name, System.nanoTime());
    ts.timers.put(
        name,
        loop.schedule(
            guard(() -> doesNotExistTimerFired(ts, name)),
            settings.doesNotExistTimeout().toNanos(),
            TimeUnit.NANOSECONDS));
  }

  // ---- reconciliation (event loop) ----

  /**
   * Brings subscriptions in line with what the accepted resources reference, publishes a new
   * snapshot if anything changed, and completes the requests that are now settled.
   */
  private void reconcile() {
    if (closed) {
      return;
    }
    Map<ResourceType, Set<String>> now = computeWanted();
    if (!now.equals(wanted)) {
      dirty = true; // the snapshot shows only what is wanted
    }
    wanted = now;
    for (ResourceType type : ORDER) {
      updateSubscription(types.get(type), wanted.get(type));
      maybeScheduleStallCheck(types.get(type));
    }
    if (dirty) {
      dirty = false;
      holder.publish(buildSnapshot());
      scheduleCacheWrite();
    }
    completeSettled();
  }

  private Map<ResourceType, Set<String>> computeWanted() {
    Map<ResourceType, Set<String>> result = new EnumMap<>(ResourceType.class);
    result.put(ResourceType.LISTENER, new LinkedHashSet<>(requested));
    for (int i = 1; i < ORDER.length; i++) {
      Set<String> names = new LinkedHashSet<>();
      for (int p = 0; p < i; p++) {
        TypeState parent = types.get(ORDER[p]);
        for (String name : result.get(ORDER[p])) {
          ResourceEntry entry = parent.received.get(name);
          if (entry != null) {
            names.addAll(entry.decoded().references(ORDER[i]));
          }
        }
      }
      result.put(ORDER[i], names);
    }
    return result;
  }

  /**
   * In delta, servers (java-control-plane, Istio) send all listeners and clusters whether asked or
   * not and never re-send one we dropped, so those are kept; everything else no longer referenced
   * is forgotten, as the protocol expects of an unsubscribe.
   */
  private boolean keepsUnwanted(ResourceType type) {
    return settings.protocol() == XdsProtocol.DELTA
        && (type == ResourceType.LISTENER || type == ResourceType.CLUSTER);
  }

  private void updateSubscription(TypeState ts, Set<String> want) {
    ts.missing.retainAll(want);
    ts.expired.retainAll(want);
    ts.deferred.removeIf(n -> !want.contains(n));
    for (String name : new ArrayList<>(ts.held)) {
      if (!want.contains(name)) {
        ts.held.remove(name);
        ts.cancelTimer(name);
      }
    }
    for (String name : new ArrayList<>(ts.recheckBackoffs.keySet())) {
      if (!want.contains(name)) {
        ts.dropRecheck(name);
      }
    }
    if (!keepsUnwanted(ts.type) && ts.received.keySet().removeIf(n -> !want.contains(n))) {
      dirty = true;
    }
    Set<String> desired = new LinkedHashSet<>(want);
    if (sotw) {
      // In SotW an unknown name holds back the server's whole answer: leave out the names known
      // absent, held or waiting their turn.
      desired.removeAll(ts.missing);
      desired.removeAll(ts.held);
      desired.removeAll(ts.deferred);
      Set<String> fresh = new LinkedHashSet<>(desired);
      fresh.removeAll(ts.subscribed);
      if (!ts.deferred.isEmpty() && stream != null && fresh.isEmpty() && ts.silent().isEmpty()) {
        desired.add(ts.deferred.poll());
      }
    }
    if (desired.equals(ts.subscribed) && (ts.opened || desired.isEmpty())) {
      return;
    }
    Set<String> added = new LinkedHashSet<>(desired);
    added.removeAll(ts.subscribed);
    Set<String> removed = new LinkedHashSet<>(ts.subscribed);
    removed.removeAll(desired);
    for (String name : removed) {
      if (!ts.held.contains(name)) {
        ts.cancelTimer(name);
      }
    }
    ts.subscribed = desired;
    if (stream == null) {
      return;
    }
    // An empty SotW subscription would read as a wildcard: leave the server's as it was and ignore
    // what it sends for names no longer wanted.
    boolean send =
        settings.protocol() == XdsProtocol.SOTW
            ? !desired.isEmpty()
            : ts.opened || !desired.isEmpty();
    if (!send) {
      return;
    }
    stream.subscribe(ts.type, desired, added, removed, ts.knownVersions());
    ts.opened = true;
    long at = ++seq;
    // A SotW request restates every name, so one whose timer a stall check cancelled starts again
    // here; in delta only the names just added are asked for.
    for (String name : sotw ? desired : added) {
      if (!ts.received.containsKey(name) && !ts.timers.containsKey(name)) {
        startTimer(ts, name, at);
      }
    }
  }

  private MeshSnapshot buildSnapshot() {
    Map<String, io.inmesh.model.Listener> listeners = new HashMap<>();
    Map<String, io.inmesh.model.RouteConfiguration> routes = new HashMap<>();
    Map<String, io.inmesh.model.Cluster> clusters = new HashMap<>();
    Map<String, io.inmesh.model.ClusterLoadAssignment> endpoints = new HashMap<>();
    collectWarmListeners(listeners);
    collect(ResourceType.ROUTE_CONFIGURATION, io.inmesh.model.RouteConfiguration.class, routes);
    collect(ResourceType.CLUSTER, io.inmesh.model.Cluster.class, clusters);
    collect(
        ResourceType.CLUSTER_LOAD_ASSIGNMENT,
        io.inmesh.model.ClusterLoadAssignment.class,
        endpoints);
    TypeState lds = types.get(ResourceType.LISTENER);
    Set<String> absent = new HashSet<>();
    for (String name : wanted.get(ResourceType.LISTENER)) {
      if (!lds.received.containsKey(name)
          && (lds.missing.contains(name) || lds.expired.contains(name))) {
        absent.add(name);
      }
    }
    return new MeshSnapshot(versionLabel(), listeners, routes, clusters, endpoints, absent);
  }

  /**
   * Listeners whose routes, clusters and endpoints have all arrived (or are known absent), as Envoy
   * warms a listener before using it: the types come one response at a time, and a listener shown
   * without its routes would be taken for a TCP service, or its routes for clusters without
   * endpoints. Until a new version is warm, the one published before stays; a name never published
   * stays unknown, so callers wait for it.
   */
  private void collectWarmListeners(Map<String, io.inmesh.model.Listener> into) {
    TypeState lds = types.get(ResourceType.LISTENER);
    MeshSnapshot published = holder.current();
    for (String name : wanted.get(ResourceType.LISTENER)) {
      ResourceEntry entry = lds.received.get(name);
      if (entry == null) {
        continue;
      }
      if (listenerSettled(name)) {
        into.put(name, entry.decoded().model(io.inmesh.model.Listener.class));
      } else if (published.listeners().containsKey(name)) {
        into.put(name, published.listeners().get(name));
      }
    }
  }

  private <T> void collect(ResourceType type, Class<T> modelType, Map<String, T> into) {
    TypeState ts = types.get(type);
    for (String name : wanted.get(type)) {
      ResourceEntry entry = ts.received.get(name);
      if (entry != null) {
        into.put(name, entry.decoded().model(modelType));
      }
    }
  }

  private String versionLabel() {
    StringBuilder label = new StringBuilder();
    String[] keys = {"lds", "rds", "cds", "eds"};
    for (int i = 0; i < ORDER.length; i++) {
      if (i > 0) {
        label.append(',');
      }
      label.append(keys[i]).append('=').append(types.get(ORDER[i]).acceptedVersion);
    }
    return label.toString();
  }

  /** Settled: known absent, or held together with everything it references, transitively. */
  private boolean listenerSettled(String name) {
    TypeState lds = types.get(ResourceType.LISTENER);
    if (!lds.received.containsKey(name)) {
      return lds.missing.contains(name) || lds.expired.contains(name);
    }
    Deque<Map.Entry<ResourceType, String>> work = new ArrayDeque<>();
    Set<Map.Entry<ResourceType, String>> visited = new HashSet<>();
    work.add(Map.entry(ResourceType.LISTENER, name));
    while (!work.isEmpty()) {
      Map.Entry<ResourceType, String> next = work.poll();
      if (!visited.add(next)) {
        continue;
      }
      TypeState ts = types.get(next.getKey());
      ResourceEntry entry = ts.received.get(next.getValue());
      if (entry == null) {
        if (!ts.settled(next.getValue())) {
          return false;
        }
        continue;
      }
      entry
          .decoded()
          .dependencies()
          .forEach((t, names) -> names.forEach(n -> work.add(Map.entry(t, n))));
    }
    return true;
  }

  private void completeSettled() {
    if (waiting.isEmpty()) {
      return;
    }
    MeshSnapshot snapshot = holder.current();
    var it = waiting.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      if (listenerSettled(e.getKey())) {
        it.remove();
        e.getValue().forEach(f -> f.complete(snapshot));
      }
    }
  }

  // ---- last-known-good file ----

  private void scheduleCacheWrite() {
    if (cacheFile == null || cacheWrite != null) {
      return;
    }
    // Coalesces bursts (an EDS storm) into one write.
    cacheWrite =
        loop.schedule(
            guard(
                () -> {
                  cacheWrite = null;
                  writeCache();
                }),
            CACHE_WRITE_DELAY_MILLIS,
            TimeUnit.MILLISECONDS);
  }

  private void writeCache() {
    Map<ResourceType, Collection<ResourceEntry>> entries = new EnumMap<>(ResourceType.class);
    Map<ResourceType, String> versions = new EnumMap<>(ResourceType.class);
    for (ResourceType type : ORDER) {
      TypeState ts = types.get(type);
      List<ResourceEntry> list = new ArrayList<>();
      for (String name : wanted.get(type)) {
        ResourceEntry entry = ts.received.get(name);
        if (entry != null) {
          list.add(entry);
        }
      }
      entries.put(type, list);
      versions.put(type, ts.acceptedVersion);
    }
    try {
      cacheFile.write(entries, versions);
    } catch (IOException | RuntimeException e) {
      log.accept("xDS: cannot write cache " + cacheFile.path() + ": " + e);
    }
  }

  /** Scheduled tasks swallow exceptions into their futures: log them instead. */
  private Runnable guard(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.accept("xDS: internal error: " + e);
      }
    };
  }
}
