package io.inmesh.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
  @Test
  void quickMeansFewerRequests() {
    DemoOptions o = DemoOptions.parse(new String[] {"--agent", "a.jar", "--quick"});
    assertThat(o.agentJar()).isEqualTo(Path.of("a.jar"));
    assertThat(o.requests()).isEqualTo(300);
    assertThat(o.reportFile()).isEmpty();
    assertThat(DemoOptions.parse(new String[] {"--agent", "a.jar"}).requests()).isEqualTo(1000);
    assertThat(
            DemoOptions.parse(new String[] {"--requests", "50", "--quick", "--agent", "a.jar"})
                .requests())
        .isEqualTo(50);
  }

  @Test
  void badArgumentsSayWhat() {
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {})).hasMessageContaining("--agent");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--agent", "a", "--requests", "0"}))
        .hasMessage("--requests needs a positive number, got 0");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--agent"}))
        .hasMessage("--agent needs a value");
    assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--agent", "a", "--fast"}))
        .hasMessage("unknown argument --fast");
  }
}
