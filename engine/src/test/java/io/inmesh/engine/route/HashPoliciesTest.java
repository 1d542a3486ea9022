package io.inmesh.engine.route;

import static io.inmesh.engine.testing.MeshFixture.get;
import static io.inmesh.engine.testing.MeshFixture.headers;
import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.engine.upstream.XxHash64;
import io.inmesh.model.HashPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashPoliciesTest {
  @Test
  void policiesCombineInOrderAndTerminalStops() {
    HashPolicies userThenSession =
        new HashPolicies(
            List.of(
                new HashPolicy.Header("x-user", true),
                new HashPolicy.Cookie("session", null, null, false)),
            "10.0.0.9");
    var withUser =
        get("svc", 80, "svc", "/", headers("x-user", "alice", "cookie", "a=1; session=s1"));
    assertThat(userThenSession.hash(withUser)).isEqualTo(XxHash64.hash("alice"));
    var cookieOnly = get("svc", 80, "svc", "/", headers("cookie", "a=1; session=\"s1\""));
    assertThat(userThenSession.hash(cookieOnly)).isEqualTo(XxHash64.hash("s1"));
    HashPolicies both =
        new HashPolicies(
            List.of(new HashPolicy.QueryParameter("id", false), new HashPolicy.SourceIp(false)),
            "10.0.0.9");
    long expected = Long.rotateLeft(XxHash64.hash("42"), 1) ^ XxHash64.hash("10.0.0.9");
    assertThat(both.hash(get("svc", 80, "svc", "/?x=1&id=42", headers()))).isEqualTo(expected);
    assertThat(userThenSession.hash(get("svc", 80, "svc", "/", headers())))
        .isEqualTo(HashPolicies.NO_HASH);
  }
}
