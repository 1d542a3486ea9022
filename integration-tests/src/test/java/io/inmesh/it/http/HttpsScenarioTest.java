package io.inmesh.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.it.Jdk;
import io.inmesh.it.apps.http.DriverCall;
import io.inmesh.it.apps.http.DriverReply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code https://} to a mesh host: the call goes to the mesh's endpoint while TLS is still the
 * app's, verified against the logical host. The backend's certificate (made here with keytool) is
 * for {@code reviews} only; the apps trust it through {@code -Djavax.net.ssl.trustStore}. A call to
 * {@code ratings} routed to the same endpoint must fail the app's hostname verification, as without
 * the agent. Run for java.net.http and HttpURLConnection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsScenarioTest {
  private static final String PASSWORD = "changeit";
  private static final String ENGINE_READY = "mesh engine ready";

  private Path dir;
  private XdsServer xds;
  private Backends backends;
  private Backends.Backend tls;
  private final List<ClientProcess> apps = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    Jdk jdk = Jdk.require(17);
    dir = Files.createTempDirectory("mesh-tls");
    Path server = dir.resolve("server.p12");
    Path cert = dir.resolve("reviews.cer");
    Path trust = dir.resolve("trust.p12");
    Path keytool = jdk.home().resolve("bin/keytool");
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "reviews",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=reviews",
        "-ext",
        "SAN=dns:reviews",
        "-validity",
        "2",
        "-keystore",
        server.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    run(
        keytool,
        "-exportcert",
        "-alias",
        "reviews",
        "-keystore",
        server.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        cert.toString());
    run(
        keytool,
        "-importcert",
        "-noprompt",
        "-alias",
        "reviews",
        "-file",
        cert.toString(),
        "-keystore",
        trust.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);

    xds = XdsServer.start();
    backends = new Backends();
    tls = backends.startTls("tls-reviews", serverContext(server));
    Mesh mesh = new Mesh();
    mesh.service("reviews", 9443).route(MeshRoute.prefix("/").to("tls-reviews"));
    mesh.service("ratings", 9443).route(MeshRoute.prefix("/").to("tls-ratings"));
    mesh.cluster("tls-reviews", tls.port());
    mesh.cluster("tls-ratings", tls.port());
    xds.apply(mesh);
    for (String main : List.of("JdkHttpClientApp", "UrlConnectionApp")) {
      apps.add(
          ClientProcess.builder(jdk, "io.inmesh.it.apps.http." + main)
              .args(main.startsWith("Jdk") ? List.of("send", "http1") : List.of())
              .jvmArg("-Djavax.net.ssl.trustStore=" + trust)
              .jvmArg("-Djavax.net.ssl.trustStorePassword=" + PASSWORD)
              .env("MESH_XDS_SERVER", xds.address())
              .env("MESH_LOG", "debug")
              .awaitLog(ENGINE_READY)
              .start());
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (ClientProcess app : apps) {
      app.close();
    }
    if (backends != null) {
      backends.close();
    }
    if (xds != null) {
      xds.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, 1})
  void httpsToAMeshHostIsRoutedWithTlsVerifiedAgainstTheLogicalHost(int client) throws Exception {
    ClientProcess app = apps.get(client);
    DriverReply r = awaitBackend(app, "https://reviews:9443/secure?a=1");

    assertThat(r.status()).as(r + "\n" + app.stderr()).isEqualTo(200);
    assertThat(r.backend()).isEqualTo("tls-reviews");
    assertThat(tls.last().host()).isEqualTo("reviews:9443");
    assertThat(tls.last().path()).isEqualTo("/secure");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, 1})
  void certificateForAnotherNameIsRejectedByTheApp(int client) throws Exception {
    ClientProcess app = apps.get(client);
    // Routed once the mesh knows the name: the same endpoint, whose certificate names reviews.
    awaitBackend(app, "https://reviews:9443/");
    int before = tls.count();

    DriverReply r = app.call(DriverCall.get("https://ratings:9443/"));

    assertThat(r.error())
        .as("hostname verification against ratings fails, as without the agent: " + r)
        .isNotNull()
        .contains("SSLHandshakeException")
        .contains("ratings");
    assertThat(tls.count()).as("no request reached the endpoint").isEqualTo(before);
  }

  private static DriverReply awaitBackend(ClientProcess app, String url) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    DriverReply r;
    do {
      r = app.call(DriverCall.get(url));
      if (r.backend() != null) {
        return r;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no backend answered " + url + ": " + r + "\n" + app.stderr());
  }

  private static SSLContext serverContext(Path keystore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  private static void run(Path tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(tool.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + out);
    }
  }
}
