package io.inmesh.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.inmesh.it.Jdk;
import io.inmesh.it.apps.http.DriverCall;
import io.inmesh.it.apps.http.DriverReply;
import io.inmesh.it.apps.http.RepeatSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code https://} to a mesh host: the call goes to the mesh's endpoint while TLS is still the
 * app's, verified against the logical host. The backend's certificate (made here with keytool) is
 * for {@code reviews.svc} only (a dotted name: JSSE sends no SNI for a name without a dot); the
 * apps trust it through {@code -Djavax.net.ssl.trustStore}. A call to {@code ratings} routed to the
 * same endpoint must fail the app's hostname verification, as without the agent: the same exception
 * type as the same app without the agent shows when {@code ratings} resolves to that endpoint (a
 * hosts file), and never retried into a local reply. The backend records the SNI of each handshake:
 * always the logical name, never the endpoint's IP. Run for java.net.http (send and sendAsync),
 * HttpURLConnection, OkHttp 3.14, 4 and 5, Apache HttpClient 4.5 and Apache HttpClient 5 (classic
 * and async). For the OkHttp and Apache classic clients, an app's own TLS settings are shown to be
 * honoured: with its own {@code SSLContext} (the JVM's default trust does not trust the
 * certificate) and a host name verifier that accepts any name, ratings succeeds, as without the
 * agent. A handshake that breaks off (an endpoint going down, {@link HandshakeBreaker}) is a
 * connect failure for every client: retried on the next endpoint under a {@code connect-failure}
 * retry policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsScenarioTest {
  private static final String PASSWORD = "changeit";
  private static final String ENGINE_READY = "mesh engine ready";
  private static final int CALLS = 10;

  private Path dir;
  private XdsServer xds;
  private Backends backends;
  private Backends.Backend tls;
  private SniRecorder sni;
  private HandshakeBreaker breaker;
  private HandshakeBreaker resetter;
  private Path trust;
  private Path hosts;
  private Jdk jdk;
  private final Map<String, ClientProcess> apps = new LinkedHashMap<>();

  /** The clients under test: app main class, its args and its library folder (or null). */
  private record Client(String main, List<String> args, String libs) {
    Client with(String arg) {
      List<String> more = new ArrayList<>(args);
      more.add(arg);
      return new Client(main, more, libs);
    }
  }

  private static final Map<String, Client> CLIENTS =
      Map.of(
          "jdk-httpclient", new Client("JdkHttpClientApp", List.of("send", "http1"), null),
          "jdk-httpclient-async", new Client("JdkHttpClientApp", List.of("async", "http1"), null),
          "urlconnection", new Client("UrlConnectionApp", List.of(), null),
          "okhttp-4", new Client("OkHttpApp", List.of("sync"), "okhttp-4"),
          "okhttp-3", new Client("OkHttpApp", List.of("sync"), "okhttp-3"),
          "okhttp-5", new Client("OkHttpApp", List.of("sync"), "okhttp-5"),
          "apache-4.5", new Client("ApacheHttpClient4App", List.of(), "httpclient-4.5.14"),
          "apache-5", new Client("ApacheHttpClient5App", List.of(), "httpclient5-5.5"),
          "apache-5-async", new Client("ApacheHttpClient5AsyncApp", List.of(), "httpclient5-5.5"));

  /** Every client under test. */
  static List<String> clients() {
    return List.copyOf(new TreeMap<>(CLIENTS).keySet());
  }

  @BeforeAll
  void start() throws Exception {
    jdk = Jdk.require(17);
    dir = Files.createTempDirectory("mesh-tls");
    Path server = dir.resolve("server.p12");
    Path cert = dir.resolve("reviews.cer");
    trust = dir.resolve("trust.p12");
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
        "CN=reviews.svc",
        "-ext",
        "SAN=dns:reviews.svc",
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

    // For the baselines without the agent: both names resolve to the endpoint, as the mesh routes.
    hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1 reviews.svc ratings.svc\n");

    xds = XdsServer.start();
    backends = new Backends();
    tls = backends.startTls("tls-reviews", serverContext(server));
    breaker = new HandshakeBreaker();
    resetter = HandshakeBreaker.resetting();
    Mesh mesh = new Mesh();
    mesh.service("reviews.svc", 9443).route(MeshRoute.prefix("/").to("tls-reviews"));
    // The same name on another port: an endpoint whose handshakes break off, then a good one;
    // retried on connect-failure only, so a broken handshake counted as anything else is a 503.
    mesh.service("reviews.svc", 9444)
        .route(MeshRoute.prefix("/").to("tls-flaky").retry("connect-failure", 2, 0, true));
    mesh.service("ratings.svc", 9443).route(MeshRoute.prefix("/").to("tls-ratings"));
    mesh.cluster("tls-reviews", tls.port());
    mesh.cluster("tls-ratings", tls.port());
    mesh.cluster("tls-flaky", breaker.port(), tls.port());
    mesh.service("reviews.svc", 9445)
        .route(MeshRoute.prefix("/").to("tls-resetting").retry("connect-failure", 2, 0, true));
    mesh.cluster("tls-resetting", resetter.port(), tls.port());
    xds.apply(mesh);
    // Started side by side: a JVM with the agent spends most of its start on one thread.
    ExecutorService starter = Executors.newFixedThreadPool(3);
    try {
      Map<String, Future<ClientProcess>> starting = new TreeMap<>();
      for (Map.Entry<String, Client> c : CLIENTS.entrySet()) {
        ClientProcess.Builder b =
            app(c.getValue())
                .env("MESH_XDS_SERVER", xds.address())
                .env("MESH_LOG", "debug")
                .awaitLog(ENGINE_READY);
        starting.put(c.getKey(), starter.submit(b::start));
      }
      ExecutionException failed = null;
      for (Map.Entry<String, Future<ClientProcess>> f : starting.entrySet()) {
        try {
          apps.put(f.getKey(), f.getValue().get());
        } catch (ExecutionException e) {
          failed = e; // after collecting the others, which stop() then closes
        }
      }
      if (failed != null) {
        throw failed;
      }
    } finally {
      starter.shutdown();
    }
  }

  private ClientProcess.Builder app(Client client) {
    return app(client, true);
  }

  /** The app; with {@code systemTrust} the JVM trusts the certificate, else only the app may. */
  private ClientProcess.Builder app(Client client, boolean systemTrust) {
    ClientProcess.Builder b =
        ClientProcess.builder(jdk, "io.inmesh.it.apps.http." + client.main()).args(client.args());
    if (systemTrust) {
      b.jvmArg("-Djavax.net.ssl.trustStore=" + trust)
          .jvmArg("-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
    } else {
      b.jvmArg("-Dinmesh.it.trustStore=" + trust);
    }
    if (client.libs() != null) {
      b.classpath(ClientLibs.jars(client.libs()));
    }
    return b;
  }

  @AfterAll
  void stop() throws Exception {
    for (ClientProcess app : apps.values()) {
      app.close();
    }
    if (backends != null) {
      backends.close();
    }
    if (breaker != null) {
      breaker.close();
    }
    if (resetter != null) {
      resetter.close();
    }
    if (xds != null) {
      xds.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void httpsToAMeshHostIsRoutedWithTlsVerifiedAgainstTheLogicalHost(String client)
      throws Exception {
    ClientProcess app = apps.get(client);
    DriverReply r = awaitBackend(app, "https://reviews.svc:9443/secure?a=1");

    assertThat(r.status()).as(r + "\n" + app.stderr()).isEqualTo(200);
    assertThat(r.backend()).isEqualTo("tls-reviews");
    assertThat(tls.last().host()).isEqualTo("reviews.svc:9443");
    assertThat(tls.last().path()).isEqualTo("/secure");
    assertThat(tls.last().query()).isEqualTo("a=1");
    assertThat(sni.names())
        .as("SNI of every handshake: a logical host, never the endpoint's address")
        .contains("reviews.svc")
        .allMatch(n -> n.equals("reviews.svc") || n.equals("ratings.svc"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void certificateForAnotherNameIsRejectedByTheApp(String client) throws Exception {
    ClientProcess app = apps.get(client);
    // Routed once the mesh knows the name: the same endpoint, whose certificate names reviews.
    awaitBackend(app, "https://reviews.svc:9443/");
    int before = tls.count();
    int handshakes = sni.names().size();

    DriverReply r = app.call(DriverCall.get("https://ratings.svc:9443/"));

    String expected = baselineError(CLIENTS.get(client), "https://ratings.svc:" + tls.port() + "/");
    assertThat(r.error())
        .as("hostname verification against ratings fails, as without the agent: " + r)
        .isNotNull()
        .startsWith(expected.substring(0, expected.indexOf(':') + 1))
        .contains("ratings");
    assertThat(tls.count()).as("no request reached the endpoint").isEqualTo(before);
    assertThat(sni.names().subList(handshakes, sni.names().size()))
        .as("the handshake named ratings")
        .isNotEmpty()
        .allMatch(n -> n.equals("ratings.svc"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"okhttp-3", "okhttp-4", "okhttp-5", "apache-4.5", "apache-5"})
  void theAppsOwnTlsSettingsDecide(String client) throws Exception {
    // An app with its own SSLContext (trusting the reviews.svc certificate; the JVM's default
    // trust does not) and a verifier that accepts any name reaches ratings.svc without the agent;
    // with the agent too, routed, with SNI still the logical name.
    Client own = CLIENTS.get(client).with("own-tls");
    String direct = "https://ratings.svc:" + tls.port() + "/own";
    try (ClientProcess plain =
        app(own, false).withoutAgent().jvmArg("-Djdk.net.hosts.file=" + hosts).start()) {
      DriverReply r = plain.call(DriverCall.get(direct));
      assertThat(r.status()).as("baseline without the agent: " + r).isEqualTo(200);
    }
    try (ClientProcess app =
        app(own, false)
            .env("MESH_XDS_SERVER", xds.address())
            .env("MESH_LOG", "debug")
            .awaitLog(ENGINE_READY)
            .start()) {
      int handshakes = sni.names().size();

      DriverReply r = awaitBackend(app, "https://ratings.svc:9443/own");

      assertThat(r.status()).as(r + "\n" + app.stderr()).isEqualTo(200);
      assertThat(tls.last().host()).isEqualTo("ratings.svc:9443");
      assertThat(tls.last().path()).isEqualTo("/own");
      assertThat(sni.names().subList(handshakes, sni.names().size()))
          .isNotEmpty()
          .allMatch(n -> n.equals("ratings.svc"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void brokenHandshakeIsRetriedOnTheNextEndpoint(String client) throws Exception {
    assertRetriedPast(breaker, apps.get(client), "https://reviews.svc:9444/flaky");
  }

  /**
   * A reset (not a close) in the middle of the handshake: java.net.http reports it as a handshake
   * failure, the HttpURLConnection adapter by connecting first. OkHttp and Apache get a bare {@code
   * SocketException("Connection reset")} then, which their adapters cannot tell from a reset after
   * the connection was up: a reset for them, so they are not run here.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jdk-httpclient", "jdk-httpclient-async", "urlconnection"})
  void handshakeResetIsRetriedOnTheNextEndpoint(String client) throws Exception {
    assertRetriedPast(resetter, apps.get(client), "https://reviews.svc:9445/resetting");
  }

  private void assertRetriedPast(HandshakeBreaker bad, ClientProcess app, String url)
      throws Exception {
    awaitBackend(app, url);
    int before = tls.count();
    int hellos = bad.hellos();
    int handshakes = sni.names().size();

    RepeatSummary s = app.repeat(CALLS, 1, DriverCall.get(url));

    assertThat(s.status(200)).as(s + "\n" + app.stderr()).isEqualTo(CALLS);
    assertThat(s.backend("tls-reviews")).isEqualTo(CALLS);
    assertThat(tls.count() - before)
        .as("each call reached the good endpoint once")
        .isEqualTo(CALLS);
    // Round robin moves on at every pick, so each call's first attempt alternates or keeps
    // landing on the bad endpoint; half of them at least met it.
    assertThat(bad.hellos() - hellos)
        .as("handshakes cut off by the bad endpoint")
        .isGreaterThanOrEqualTo(CALLS / 2);
    assertThat(sni.names().subList(handshakes, sni.names().size()))
        .allMatch(n -> n.equals("reviews.svc"));
  }

  /** What the app without the agent sees when {@code url}'s host resolves to the endpoint. */
  private String baselineError(Client client, String url) throws Exception {
    try (ClientProcess plain =
        app(client).withoutAgent().jvmArg("-Djdk.net.hosts.file=" + hosts).start()) {
      DriverReply r = plain.call(DriverCall.get(url));
      assertThat(r.error()).as("baseline without the agent: " + r).isNotNull().contains("ratings");
      return r.error();
    }
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

  private SSLContext serverContext(Path keystore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    sni = new SniRecorder((X509ExtendedKeyManager) kmf.getKeyManagers()[0]);
    context.init(new KeyManager[] {sni}, null, null);
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
