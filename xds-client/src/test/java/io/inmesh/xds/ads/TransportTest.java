package io.inmesh.xds.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.xds.XdsConfigSource;
import io.inmesh.xds.XdsProtocol;
import io.inmesh.xds.XdsSettings;
import io.inmesh.xds.XdsTls;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS and mTLS to the xDS server, and the client's own threads. */
class TransportTest {
  static final String NODE = "node-tls";
  @TempDir static Path pki;

  /** A CA, a server certificate for 127.0.0.1 and a client certificate, made by openssl now. */
  @BeforeAll
  static void makeCertificates() throws Exception {
    assumeTrue(new File("/usr/bin/openssl").canExecute(), "openssl is needed to make test certs");
    Files.writeString(pki.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    openssl(
        "req",
        "-x509",
        "-new",
        "-nodes",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=inmesh-test-ca");
    for (String who : List.of("server", "client")) {
      openssl(
          "req",
          "-new",
          "-nodes",
          "-newkey",
          "ec",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-keyout",
          who + ".key",
          "-out",
          who + ".csr",
          "-subj",
          "/CN=" + who);
      openssl(
          "x509",
          "-req",
          "-in",
          who + ".csr",
          "-CA",
          "ca.crt",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-out",
          who + ".crt",
          "-days",
          "2",
          "-extfile",
          "san.ext");
    }
  }

  private static void openssl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
  }

  static SslContext serverTls() throws Exception {
    return GrpcSslContexts.forServer(
            pki.resolve("server.crt").toFile(), pki.resolve("server.key").toFile())
        .trustManager(pki.resolve("ca.crt").toFile())
        .clientAuth(ClientAuth.REQUIRE)
        .build();
  }

  static XdsSettings.Builder settings(XdsProtocol protocol, int port, List<String> log) {
    return XdsSettings.builder("127.0.0.1", port)
        .protocol(protocol)
        .nodeId(NODE)
        .doesNotExistTimeout(Duration.ofSeconds(10))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .log(log::add);
  }

  @ParameterizedTest
  @EnumSource(XdsProtocol.class)
  void mutualTlsFetchesTheMesh(XdsProtocol protocol) throws Exception {
    try (TestControlPlane cp = TestControlPlane.start(0, serverTls())) {
      cp.set(NODE, MeshResources.service("api", 80, 9001).snapshot());
      List<String> log = new CopyOnWriteArrayList<>();
      XdsTls tls =
          new XdsTls(pki.resolve("ca.crt"), pki.resolve("client.crt"), pki.resolve("client.key"));
      try (XdsConfigSource source =
          new XdsConfigSource(settings(protocol, cp.port(), log).tls(tls).build())) {
        source.start();
        MeshSnapshot s = source.requestListener("api:80").get(15, TimeUnit.SECONDS);
        assertThat(s.lookup("api:80")).isEqualTo(MeshSnapshot.Lookup.FOUND);
        assertThat(s.loadAssignments()).containsKey("api-eds");
      }
    }
  }

  @Test
  void serverRefusesAClientWithoutCertificateAndThePlaintextClientGetsNothing() throws Exception {
    try (TestControlPlane cp = TestControlPlane.start(0, serverTls())) {
      cp.set(NODE, MeshResources.service("api", 80, 9001).snapshot());
      List<String> log = new CopyOnWriteArrayList<>();
      XdsTls caOnly = new XdsTls(pki.resolve("ca.crt"), null, null);
      try (XdsConfigSource noCert =
              new XdsConfigSource(
                  settings(XdsProtocol.SOTW, cp.port(), log)
                      .tls(caOnly)
                      .doesNotExistTimeout(Duration.ofMillis(700))
                      .build());
          XdsConfigSource plaintext =
              new XdsConfigSource(
                  settings(XdsProtocol.SOTW, cp.port(), log)
                      .doesNotExistTimeout(Duration.ofMillis(700))
                      .build())) {
        noCert.start();
        plaintext.start();
        MeshSnapshot a = noCert.requestListener("api:80").get(10, TimeUnit.SECONDS);
        MeshSnapshot b = plaintext.requestListener("api:80").get(10, TimeUnit.SECONDS);
        assertThat(a.listeners()).isEmpty();
        assertThat(b.listeners()).isEmpty();
        assertThat(log).anyMatch(l -> l.contains("ended: UNAVAILABLE"));
        assertThat(cp.requests).isEmpty();
      }
    }
  }

  @Test
  void unreadableTlsFilesDisableTheSourceWithAClearMessage() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    XdsTls missing = new XdsTls(pki.resolve("no-such-ca.crt"), null, null);
    try (XdsConfigSource source =
        new XdsConfigSource(settings(XdsProtocol.SOTW, 1, log).tls(missing).build())) {
      source.start();
      MeshSnapshot s = source.requestListener("api:80").get(10, TimeUnit.SECONDS);
      assertThat(s).isSameAs(MeshSnapshot.EMPTY);
      assertThat(log).anyMatch(l -> l.contains("disabled") && l.contains("no-such-ca.crt"));
    }
  }

  /**
   * The agent tells its own traffic by thread group, so every thread must come from the settings'
   * factory. The OkHttp transport renames the pool thread it reads on to "OkHttpClientTransport"
   * while it reads; the group shows it is still one of ours.
   */
  @Test
  void everyThreadTheClientStartsIsAMeshDaemon() throws Exception {
    ThreadGroup agent = new ThreadGroup("test-agent");
    try (TestControlPlane cp = TestControlPlane.start()) {
      cp.set(NODE, MeshResources.service("api", 80, 9001).snapshot());
      Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
      List<String> log = new CopyOnWriteArrayList<>();
      try (XdsConfigSource source =
          new XdsConfigSource(
              settings(XdsProtocol.DELTA, cp.port(), log)
                  .threadFactory(r -> new Thread(agent, r))
                  .build())) {
        source.start();
        source.requestListener("api:80").get(15, TimeUnit.SECONDS);
        Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
        started.removeAll(before);
        List<Thread> ours =
            started.stream()
                .filter(t -> !t.getName().startsWith("test-cp-"))
                .collect(Collectors.toList());
        assertThat(ours).isNotEmpty();
        assertThat(ours)
            .allSatisfy(
                t -> {
                  assertThat(t.getThreadGroup()).isSameAs(agent);
                  assertThat(t.getName()).matches(MeshThreads.PREFIX + ".*|OkHttpClientTransport");
                  assertThat(t.isDaemon()).isTrue();
                });
      }
    }
  }
}
