package io.inmesh.engine.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegexesTest {
  @Test
  void literalPrefixIsConservative() {
    assertThat(Regexes.literalPrefix("/re10/[a-z]+/[0-9]+")).isEqualTo("/re10/");
    assertThat(Regexes.literalPrefix("^/api/v1")).isEqualTo("/api/v1");
    assertThat(Regexes.literalPrefix("/items?"))
        .as("a quantifier takes its character back")
        .isEqualTo("/item");
    assertThat(Regexes.literalPrefix("/a{2}")).isEqualTo("/");
    assertThat(Regexes.literalPrefix("/a|/b")).isEmpty();
    assertThat(Regexes.literalPrefix("(?i)/api")).isEmpty();
    assertThat(Regexes.literalPrefix("\\d+")).isEmpty();
  }

  @Test
  void substitutionTurnsEnvoyGroupsIntoRe2jGroups() {
    assertThat(Regexes.substitution("\\2/instance/\\1")).isEqualTo("$2/instance/$1");
    assertThat(Regexes.substitution("cost$1")).isEqualTo("cost\\$1");
  }
}
