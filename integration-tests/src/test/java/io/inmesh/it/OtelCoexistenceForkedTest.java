package io.inmesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The app runs with both the OpenTelemetry Java agent and mesh.jar, in either order. */
class OtelCoexistenceForkedTest {
  private static final String HELLO = "io.inmesh.it.apps.HelloApp";

  @ParameterizedTest(name = "JDK {0}, otel first: {1}")
  @CsvSource({"17, true", "17, false", "25, true", "25, false"})
  void bothAgentsLoadInEitherOrder(int feature, boolean otelFirst) throws Exception {
    Jdk jdk = Jdk.require(feature);
    Path otel = ForkedJvm.requiredPath("inmesh.it.otelAgent");
    ForkedJvm.Result plain = ForkedJvm.app(jdk, HELLO).run();
    ForkedJvm both = ForkedJvm.app(jdk, HELLO);
    if (otelFirst) {
      both.withAgent(otel).withMeshAgent();
    } else {
      both.withMeshAgent().withAgent(otel);
    }
    ForkedJvm.Result result =
        both.env("OTEL_TRACES_EXPORTER", "none")
            .env("OTEL_METRICS_EXPORTER", "none")
            .env("OTEL_LOGS_EXPORTER", "none")
            .timeoutSeconds(120)
            .run();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
    assertThat(result.stdout()).isEqualTo(plain.stdout());
    assertThat(result.stderr()).as(result.toString()).contains("opentelemetry-javaagent");
    assertThat(result.meshLines())
        .as(result.toString())
        .noneMatch(line -> line.startsWith("[mesh] ERROR"))
        .noneMatch(line -> line.startsWith("[mesh] WARN") && !knownOtelFirstMiss(line, otelFirst))
        .filteredOn(line -> line.contains(" started in "))
        .hasSize(1);
  }

  /**
   * Known limit, OpenTelemetry first: OTel adds to HttpURLConnection a marker interface it
   * generates and injects at run time; when our retransformation runs before that interface is
   * defined (a race, about one run in three), ByteBuddy cannot describe the class and the
   * urlconnection hook fails open on it, with this one warning. The app is unaffected (asserted
   * above) and its connects are still steered by the DNS/connect hooks. Resubmitting the class
   * after such an error would close the gap.
   */
  private static boolean knownOtelFirstMiss(String line, boolean otelFirst) {
    return otelFirst
        && line.contains("could not instrument sun.net.www.protocol.http.HttpURLConnection")
        && line.contains("io.opentelemetry.javaagent.bootstrap.field.VirtualFieldInstalledMarker");
  }
}
