package io.inmesh.model;

/** {@code core.v3.Locality}; empty strings for unset parts. */
public record Locality(String region, String zone, String subZone) {
  public static final Locality NONE = new Locality("", "", "");

  public Locality {
    region = region == null ? "" : region;
    zone = zone == null ? "" : zone;
    subZone = subZone == null ? "" : subZone;
  }
}
