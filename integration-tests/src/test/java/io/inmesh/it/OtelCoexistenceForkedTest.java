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
        // No warning in either order: with OpenTelemetry first, HttpURLConnection implements a
        // marker interface OTel generates at run time, which ByteBuddy must not need to resolve
        // (the hooks compile declared methods only), or the urlconnection hook would miss it.
        .noneMatch(line -> line.startsWith("[mesh] WARN"))
        .filteredOn(line -> line.contains(" started in "))
        .hasSize(1);
  }
}
