package io.inmesh.xds.file;

import com.google.gson.JsonElement;
import io.inmesh.model.MeshSnapshot;
import io.inmesh.xds.decode.DecodedResource;
import io.inmesh.xds.decode.InvalidResourceException;
import io.inmesh.xds.decode.SnapshotAssembler;
import io.inmesh.xds.decode.XdsDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A mesh config file: {@code resources:} with Envoy v3 resources carrying {@code @type} (the other
 * shapes {@link ResourceDocuments} knows are accepted too). All or nothing: one bad resource
 * rejects the whole document, so a half-applied config never exists.
 */
public final class ConfigDocument {
  private static final XdsDecoder DECODER = new XdsDecoder();

  private ConfigDocument() {}

  /**
   * Decodes a whole document into a snapshot with no absent names.
   *
   * @param version the snapshot's version label
   * @param origin where the text came from, for messages
   */
  public static MeshSnapshot decode(String text, String version, String origin)
      throws InvalidConfigException {
    List<ResourceDocuments.Entry> entries;
    try {
      entries = ResourceDocuments.parse(text, null);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(origin, List.of(e.getMessage()));
    }
    if (entries.isEmpty() && !hasResourcesList(text)) {
      throw new InvalidConfigException(
          origin,
          List.of(
              "no xDS resources found: expected a 'resources:' list of v3 resources with @type"));
    }
    List<String> reasons = new ArrayList<>();
    List<DecodedResource> decoded = new ArrayList<>(entries.size());
    for (ResourceDocuments.Entry e : entries) {
      if (e.error() != null) {
        reasons.add(e.name().isEmpty() ? e.error() : "resource " + e.name() + ": " + e.error());
        continue;
      }
      try {
        decoded.add(DECODER.decode(e.resource()));
      } catch (InvalidResourceException x) {
        reasons.add(x.getMessage());
      }
    }
    if (!reasons.isEmpty()) {
      throw new InvalidConfigException(origin, reasons);
    }
    try {
      return SnapshotAssembler.assemble(version, decoded, Set.of());
    } catch (InvalidResourceException x) {
      throw new InvalidConfigException(origin, List.of(x.getMessage()));
    }
  }

  private static boolean hasResourcesList(String text) {
    JsonElement root = ResourceDocuments.tree(text);
    return root.isJsonObject()
        && root.getAsJsonObject().has("resources")
        && root.getAsJsonObject().get("resources").isJsonArray();
  }
}
