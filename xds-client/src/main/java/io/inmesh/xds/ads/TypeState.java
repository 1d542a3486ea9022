package io.inmesh.xds.ads;

import io.inmesh.xds.decode.ResourceType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

/** The client's bookkeeping for one resource type. Confined to the event loop. */
final class TypeState {
  final ResourceType type;

  /** Accepted resources by name. */
  final Map<String, ResourceEntry> received = new HashMap<>();

  /** The names the server was last told (SotW sends them all; delta sends the changes). */
  Set<String> subscribed = new LinkedHashSet<>();

  /** Names the server confirmed absent (or left unanswered): dropped from the subscription. */
  final Set<String> missing = new HashSet<>();

  /** Names whose wait ran out at least once: absent for now, but still asked for. */
  final Set<String> expired = new HashSet<>();

  /**
   * Names held back from the subscription: a server that stays silent when one requested name is
   * unknown (java-control-plane in SotW ADS) is probed one new name at a time, see {@link
   * AdsClient}.
   */
  final Deque<String> deferred = new ArrayDeque<>();

  /**
   * SotW: names silent long enough that they probably hold the server's answer back, taken out of
   * the subscription so that other names can be answered; their does-not-exist timers keep running,
   * and decide.
   */
  final Set<String> held = new HashSet<>();

  /** SotW: re-checks of names found absent, by name. */
  final Map<String, ScheduledFuture<?>> rechecks = new HashMap<>();

  /** SotW: the re-check back-off of each name found absent, until it is received. */
  final Map<String, Backoff> recheckBackoffs = new HashMap<>();

  /** A pending look at silent names (see {@code AdsClient#stallCheck}), or null. */
  ScheduledFuture<?> stallCheck;

  /** Does-not-exist timers of subscribed (or held) names not received yet. */
  final Map<String, ScheduledFuture<?>> timers = new HashMap<>();

  /** The event sequence number at which each pending name was sent on the live stream. */
  final Map<String, Long> sentAt = new HashMap<>();

  /** When each pending name was sent ({@link System#nanoTime()}). */
  final Map<String, Long> sentNanos = new HashMap<>();

  /** The event sequence number of the last response of this type on the live stream. */
  long lastResponseAt = -1;

  /** The version of the last response accepted in full. */
  String acceptedVersion = "";

  /** Consecutive NACKs, for the NACK back-off; 0 after an ACK. */
  int nacks;

  /** A NACK waiting out its back-off, or null. */
  ScheduledFuture<?> pendingNack;

  /** Whether this type was sent on the current stream. */
  boolean opened;

  TypeState(ResourceType type) {
    this.type = type;
  }

  /** Whether a name is settled: held, or known (or, for now, taken) to be absent. */
  boolean settled(String name) {
    return received.containsKey(name) || missing.contains(name) || expired.contains(name);
  }

  /**
   * Names in the subscription, sent on the live stream, not received, and not answered by any
   * response since.
   */
  Set<String> silent() {
    Set<String> silent = new HashSet<>();
    sentAt.forEach(
        (name, at) -> {
          if (at > lastResponseAt && !received.containsKey(name) && subscribed.contains(name)) {
            silent.add(name);
          }
        });
    return silent;
  }

  void cancelTimer(String name) {
    ScheduledFuture<?> timer = timers.remove(name);
    if (timer != null) {
      timer.cancel(false);
    }
    sentAt.remove(name);
    sentNanos.remove(name);
  }

  void cancelAllTimers() {
    timers.values().forEach(t -> t.cancel(false));
    timers.clear();
    sentAt.clear();
    sentNanos.clear();
    if (stallCheck != null) {
      stallCheck.cancel(false);
      stallCheck = null;
    }
    if (pendingNack != null) {
      pendingNack.cancel(false);
      pendingNack = null;
    }
  }

  /** Forgets the re-check of a name: received, or no longer wanted. */
  void dropRecheck(String name) {
    ScheduledFuture<?> recheck = rechecks.remove(name);
    if (recheck != null) {
      recheck.cancel(false);
    }
    recheckBackoffs.remove(name);
  }

  void cancelAllRechecks() {
    rechecks.values().forEach(r -> r.cancel(false));
    rechecks.clear();
    recheckBackoffs.clear();
  }

  Map<String, String> knownVersions() {
    Map<String, String> versions = new HashMap<>();
    received.forEach((name, entry) -> versions.put(name, entry.version()));
    return versions;
  }
}
