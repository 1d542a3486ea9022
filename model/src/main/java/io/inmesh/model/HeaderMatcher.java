package io.inmesh.model;

import java.util.Objects;

/**
 * Envoy's {@code config.route.v3.HeaderMatcher}. Pseudo-headers ({@code :path}, {@code :method},
 * {@code :authority}, {@code :scheme}) are matched like headers. The legacy {@code exact_match},
 * {@code prefix_match}... fields are decoded into a {@link Match.Text}.
 *
 * @param name the header name, lower case
 * @param match how the value is tested
 * @param invert negates the result (a missing header still fails unless {@code
 *     treatMissingAsEmpty})
 * @param treatMissingAsEmpty a missing header is matched as the empty string
 */
public record HeaderMatcher(String name, Match match, boolean invert, boolean treatMissingAsEmpty) {
  public HeaderMatcher {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(match, "match");
  }

  /** What a header's value must satisfy. */
  public sealed interface Match {}

  /** The value satisfies a string matcher. */
  public record Text(StringMatcher matcher) implements Match {}

  /** The header is present ({@code true}) or absent ({@code false}). */
  public record Present(boolean present) implements Match {}

  /** The value is an integer in {@code [start, end)}. */
  public record Range(long start, long end) implements Match {}
}
