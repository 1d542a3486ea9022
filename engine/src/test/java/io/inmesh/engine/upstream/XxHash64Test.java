package io.inmesh.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XxHash64Test {
  @Test
  void matchesPublishedVectors() {
    // Vectors from the xxHash reference and the python-xxhash documentation; together they cover
    // the < 4, < 8, 8..31 and >= 32 byte paths.
    assertThat(XxHash64.hash("", 0)).isEqualTo(0xEF46DB3751D8E999L);
    assertThat(XxHash64.hash("a", 0)).isEqualTo(0xD24EC4F1A98C6E5BL);
    assertThat(XxHash64.hash("abc", 0)).isEqualTo(0x44BC2CF5AD770999L);
    assertThat(XxHash64.hash("xxhash", 0)).isEqualTo(0x32DD38952C4BC720L);
    assertThat(XxHash64.hash("xxhash", 20141025)).isEqualTo(0xB559B98D844E0635L);
    assertThat(XxHash64.hash("Nobody inspects the spammish repetition", 0))
        .isEqualTo(0xFBCEA83C8A378BF1L);
  }

  @Test
  void stringPathEqualsTheBytesItStandsForAtEveryLength() {
    // Every branch of the loop (32-byte stripes, 8, 4 and single bytes), ASCII and not.
    StringBuilder ascii = new StringBuilder();
    StringBuilder mixed = new StringBuilder();
    for (int len = 0; len < 100; len++) {
      assertThat(XxHash64.hash(ascii.toString(), 7))
          .as("ascii length " + len)
          .isEqualTo(XxHash64.hash(ascii.toString().getBytes(StandardCharsets.UTF_8), 7));
      assertThat(XxHash64.hash(mixed.toString(), 7))
          .as("utf-8 length " + len)
          .isEqualTo(XxHash64.hash(mixed.toString().getBytes(StandardCharsets.UTF_8), 7));
      ascii.append((char) ('a' + len % 26));
      mixed.append(len % 3 == 0 ? 'é' : (char) ('a' + len % 26));
    }
  }
}
