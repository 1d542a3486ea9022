package io.inmesh.xds;

import java.util.Locale;

/** The ADS variant spoken to the control plane ({@code MESH_XDS_PROTOCOL}). */
public enum XdsProtocol {
  /** State of the world: every response carries all subscribed resources of its type. */
  SOTW,
  /** Incremental: responses carry only changed resources and the names of removed ones. */
  DELTA;

  /** Parses {@code sotw} or {@code delta} (case-insensitive). */
  public static XdsProtocol parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "sotw" -> SOTW;
      case "delta" -> DELTA;
      default ->
          throw new IllegalArgumentException(
              "MESH_XDS_PROTOCOL must be sotw or delta, got: " + value);
    };
  }
}
