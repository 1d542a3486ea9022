package io.inmesh.engine.route;

import io.inmesh.engine.OutboundRequest;
import io.inmesh.engine.upstream.XxHash64;
import io.inmesh.model.HashPolicy;
import java.util.List;

/**
 * A route's {@code hash_policy} list, evaluated as Envoy does: each policy that yields a value is
 * hashed with xxHash64 and folded in ({@code hash = rotl(hash, 1) ^ h}); a {@code terminal} policy
 * that produced a hash stops the walk. Header names are matched lower case; cookies are read from
 * the {@code cookie} header; {@code source_ip} hashes this process's configured source address.
 */
public final class HashPolicies {
  private final HashPolicy[] policies;
  private final String sourceAddress;

  public HashPolicies(List<HashPolicy> policies, String sourceAddress) {
    this.policies = policies.toArray(new HashPolicy[0]);
    this.sourceAddress = sourceAddress;
  }

  public boolean isEmpty() {
    return policies.length == 0;
  }

  /** Sentinel for "no policy produced a hash" (a real hash equal to it is astronomically rare). */
  public static final long NO_HASH = 0;

  /** The request hash, or {@link #NO_HASH} when no policy produced one. */
  public long hash(OutboundRequest request) {
    long hash = 0;
    boolean any = false;
    for (HashPolicy p : policies) {
      String value = valueOf(p, request);
      if (value == null) {
        continue;
      }
      long h = XxHash64.hash(value);
      hash = any ? Long.rotateLeft(hash, 1) ^ h : h;
      any = true;
      if (p.terminal()) {
        break;
      }
    }
    return any && hash == NO_HASH ? 1 : hash;
  }

  private String valueOf(HashPolicy p, OutboundRequest request) {
    if (p instanceof HashPolicy.Header h) {
      return RequestHeaderLookup.get(request, h.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (p instanceof HashPolicy.Cookie c) {
      return cookie(request.headers().get("cookie"), c.name());
    }
    if (p instanceof HashPolicy.QueryParameter q) {
      return QueryStrings.value(request.query(), q.name());
    }
    if (p instanceof HashPolicy.SourceIp) {
      return sourceAddress;
    }
    return null;
  }

  static String cookie(String header, String name) {
    if (header == null) {
      return null;
    }
    int i = 0;
    int len = header.length();
    while (i < len) {
      while (i < len && (header.charAt(i) == ' ' || header.charAt(i) == ';')) {
        i++;
      }
      int end = header.indexOf(';', i);
      if (end < 0) {
        end = len;
      }
      int eq = header.indexOf('=', i);
      if (eq > 0 && eq < end && eq - i == name.length() && header.startsWith(name, i)) {
        String v = header.substring(eq + 1, end).trim();
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
      i = end + 1;
    }
    return null;
  }
}
