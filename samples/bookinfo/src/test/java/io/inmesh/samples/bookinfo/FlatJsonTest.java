package io.inmesh.samples.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
  @Test
  void writesAndReadsBackStringsNumbersAndBooleans() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", "v2");
    m.put("status", 503);
    m.put("overloaded", true);
    m.put("body", "a \"quoted\" line\nand a \\ backslash, {braces}: too");
    String json = FlatJson.write(m);
    assertThat(json).startsWith("{\"version\":\"v2\",\"status\":503,\"overloaded\":true,");
    assertThat(FlatJson.read(json))
        .containsExactly(
            Map.entry("version", "v2"),
            Map.entry("status", "503"),
            Map.entry("overloaded", "true"),
            Map.entry("body", "a \"quoted\" line\nand a \\ backslash, {braces}: too"));
  }

  @Test
  void somethingElseReadsAsEmpty() {
    assertThat(FlatJson.read("fault filter abort")).isEmpty();
    assertThat(FlatJson.read(null)).isEmpty();
  }
}
