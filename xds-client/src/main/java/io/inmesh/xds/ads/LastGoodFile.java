package io.inmesh.xds.ads;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.inmesh.xds.decode.DecodedResource;
import io.inmesh.xds.decode.InvalidResourceException;
import io.inmesh.xds.decode.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The last-known-good file ({@code MESH_XDS_CACHE}): the accepted raw resources, so a restart while
 * the control plane is down still has the mesh. The format is the protocol's own: one
 * length-delimited {@code DiscoveryResponse} per type, each resource wrapped in a {@code Resource}
 * that keeps its name and version. Written to a temporary file and moved into place, so a crash
 * never leaves half a file.
 */
final class LastGoodFile {
  private final Path path;
  private final Consumer<String> log;

  LastGoodFile(Path path, Consumer<String> log) {
    this.path = path;
    this.log = log;
  }

  Path path() {
    return path;
  }

  void write(
      Map<ResourceType, Collection<ResourceEntry>> entries, Map<ResourceType, String> versions)
      throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      for (var e : entries.entrySet()) {
        DiscoveryResponse.Builder response =
            DiscoveryResponse.newBuilder()
                .setTypeUrl(e.getKey().typeUrl())
                .setVersionInfo(versions.getOrDefault(e.getKey(), ""));
        for (ResourceEntry entry : e.getValue()) {
          Resource wrapped =
              Resource.newBuilder()
                  .setName(entry.decoded().name())
                  .setVersion(entry.version())
                  .setResource(entry.raw())
                  .build();
          response.addResources(Any.pack(wrapped));
        }
        response.build().writeDelimitedTo(out);
      }
    }
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** One restored resource. */
  record Restored(ResourceType type, ResourceEntry entry) {}

  /**
   * Reads and decodes the file; a missing file gives nothing, a resource that no longer decodes is
   * skipped with a warning, and a damaged file gives what was read before the damage.
   */
  List<Restored> read(ResourceDecoding decoder) {
    List<Restored> restored = new ArrayList<>();
    if (!Files.isRegularFile(path)) {
      return restored;
    }
    try (InputStream in = Files.newInputStream(path)) {
      DiscoveryResponse response;
      while ((response = DiscoveryResponse.parseDelimitedFrom(in)) != null) {
        ResourceType type = ResourceType.fromTypeUrlOrNull(response.getTypeUrl());
        if (type == null) {
          continue;
        }
        for (Any any : response.getResourcesList()) {
          try {
            Resource wrapped = any.unpack(Resource.class);
            DecodedResource decoded = decoder.decode(type, wrapped.getResource());
            restored.add(
                new Restored(
                    type, new ResourceEntry(decoded, wrapped.getResource(), wrapped.getVersion())));
          } catch (InvalidResourceException | InvalidProtocolBufferException e) {
            log.accept("xDS cache " + path + ": skipping a resource: " + e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      log.accept("xDS cache " + path + " unreadable, using what was read: " + e);
    }
    return restored;
  }
}
