package io.inmesh.xds.file;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.inmesh.xds.decode.ResourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Finds the xDS resources in a YAML or JSON document of any of the shapes control planes and Envoy
 * produce, and parses them into Envoy v3 messages:
 *
 * <ul>
 *   <li>a list of resources each carrying {@code @type}, as in {@code resources: [...]} (the mesh's
 *       own file format, Envoy's filesystem subscriptions), or {@code resources: [{name,
 *       resource}]} (Kuma);
 *   <li>an Envoy admin {@code /config_dump} or a CSDS response (any depth, snake_case or
 *       camelCase): every object whose {@code @type} is a resource type;
 *   <li>a map from type URL to a list of resources ({@code {typeURL: [..]}}, Envoy Gateway) or to a
 *       map by name ({@code {typeURL: {name: resource}}}, Kuma);
 *   <li>a static bootstrap: {@code static_resources.listeners} and {@code .clusters}.
 * </ul>
 *
 * <p>Main code, so the engine's golden tests (and tools) can use it: it is the one place that knows
 * these shapes. xDS v2 resources are returned as entries with an error.
 */
public final class ResourceDocuments {
  private static final String TYPE_URL_PREFIX = "type.googleapis.com/";

  /**
   * One resource found in a document.
   *
   * @param typeUrl as found (v3 or v2)
   * @param name the resource's name, or the name it was keyed by when it has none
   * @param resource the parsed v3 message, or null when {@link #error} is set
   * @param error why it could not be parsed, or null
   */
  public record Entry(String typeUrl, String name, Message resource, String error) {
    public ResourceType type() {
      return ResourceType.fromTypeUrlOrNull(typeUrl);
    }
  }

  private ResourceDocuments() {}

  /** Reads a file; see {@link #parse}. */
  public static List<Entry> read(Path file) throws IOException {
    return parse(
        new String(Files.readAllBytes(file), StandardCharsets.UTF_8),
        file.getFileName().toString());
  }

  /**
   * Finds and parses every resource in {@code text}.
   *
   * @param fileName used only for a bare resource with no type anywhere (a Kuma unit golden such as
   *     {@code x.listeners.golden.yaml}): {@code .listeners.}, {@code .routes.}, {@code .clusters.}
   *     or {@code .endpoints.} in the name gives its type; may be null
   * @throws IllegalArgumentException when the text is neither JSON nor YAML
   */
  public static List<Entry> parse(String text, String fileName) {
    JsonElement root = tree(text);
    List<Entry> out = new ArrayList<>();
    walk(root, null, null, out);
    if (out.isEmpty() && root.isJsonObject() && fileName != null) {
      ResourceType hinted = typeFromFileName(fileName);
      if (hinted != null) {
        out.add(entry(hinted.typeUrl(), root.getAsJsonObject(), null));
      }
    }
    return out;
  }

  /** Parses YAML or JSON into a JSON tree. */
  static JsonElement tree(String text) {
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        return JsonParser.parseString(text);
      } catch (RuntimeException e) {
        // Fall through: flow-style YAML also starts with a brace.
      }
    }
    try {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(50);
      List<Object> docs = new ArrayList<>();
      new Yaml(new SafeConstructor(options)).loadAll(text).forEach(docs::add);
      // A multi-document stream (---) is read as a list of its documents.
      return docs.size() == 1 ? fromYaml(docs.get(0)) : fromYaml(docs);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("neither JSON nor YAML: " + e.getMessage(), e);
    }
  }

  private static JsonElement fromYaml(Object o) {
    if (o == null) {
      return JsonNull.INSTANCE;
    }
    if (o instanceof Map<?, ?> map) {
      JsonObject obj = new JsonObject();
      map.forEach((k, v) -> obj.add(String.valueOf(k), fromYaml(v)));
      return obj;
    }
    if (o instanceof List<?> list) {
      JsonArray arr = new JsonArray();
      list.forEach(v -> arr.add(fromYaml(v)));
      return arr;
    }
    if (o instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (o instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (o instanceof byte[] bytes) {
      return new JsonPrimitive(Base64.getEncoder().encodeToString(bytes));
    }
    if (o instanceof Date d) {
      return new JsonPrimitive(d.toInstant().toString());
    }
    return new JsonPrimitive(o.toString());
  }

  private static void walk(JsonElement e, String impliedType, String impliedName, List<Entry> out) {
    if (e.isJsonArray()) {
      for (JsonElement item : e.getAsJsonArray()) {
        walk(item, impliedType, null, out);
      }
      return;
    }
    if (!e.isJsonObject()) {
      return;
    }
    JsonObject o = e.getAsJsonObject();
    JsonElement t = o.get("@type");
    if (t != null && t.isJsonPrimitive() && isResourceType(t.getAsString())) {
      out.add(entry(t.getAsString(), o, impliedName));
      return;
    }
    if (t == null && impliedType != null) {
      out.add(entry(impliedType, o, impliedName));
      return;
    }
    for (Map.Entry<String, JsonElement> field : o.entrySet()) {
      String key = field.getKey();
      JsonElement value = field.getValue();
      if (key.startsWith(TYPE_URL_PREFIX)) {
        if (!isResourceType(key)) {
          continue; // e.g. Kuma's tls Secret: not a resource the mesh uses
        }
        if (value.isJsonObject()) {
          for (Map.Entry<String, JsonElement> named : value.getAsJsonObject().entrySet()) {
            walk(named.getValue(), key, named.getKey(), out);
          }
        } else {
          walk(value, key, null, out);
        }
      } else if (key.equals("static_resources") || key.equals("staticResources")) {
        staticResources(value, out);
      } else if (value.isJsonArray() && key.equals("resources")) {
        for (JsonElement item : value.getAsJsonArray()) {
          if (item.isJsonObject()
              && item.getAsJsonObject().get("resource") instanceof JsonObject inner) {
            JsonElement name = item.getAsJsonObject().get("name");
            walk(inner, null, name == null ? null : name.getAsString(), out);
          } else {
            walk(item, null, null, out);
          }
        }
      } else {
        walk(value, null, null, out);
      }
    }
  }

  private static void staticResources(JsonElement value, List<Entry> out) {
    if (!value.isJsonObject()) {
      return;
    }
    JsonObject s = value.getAsJsonObject();
    if (s.get("listeners") instanceof JsonArray listeners) {
      walk(listeners, ResourceType.LISTENER.typeUrl(), null, out);
    }
    if (s.get("clusters") instanceof JsonArray clusters) {
      walk(clusters, ResourceType.CLUSTER.typeUrl(), null, out);
    }
  }

  private static boolean isResourceType(String typeUrl) {
    return ResourceType.fromTypeUrlOrNull(typeUrl) != null || isV2Resource(typeUrl);
  }

  private static boolean isV2Resource(String typeUrl) {
    return switch (typeUrl) {
      case "type.googleapis.com/envoy.api.v2.Listener",
          "type.googleapis.com/envoy.api.v2.RouteConfiguration",
          "type.googleapis.com/envoy.api.v2.Cluster",
          "type.googleapis.com/envoy.api.v2.ClusterLoadAssignment" ->
          true;
      default -> false;
    };
  }

  private static Entry entry(String typeUrl, JsonObject o, String impliedName) {
    ResourceType type = ResourceType.fromTypeUrlOrNull(typeUrl);
    String name = nameOf(o, impliedName);
    if (type == null) {
      return new Entry(typeUrl, name, null, "xDS v2 is not supported: " + typeUrl);
    }
    try {
      Message m = JsonResources.parse(type, o);
      if (impliedName != null && name.equals(impliedName) && nameOf(o, null).isEmpty()) {
        m = withName(type, m, impliedName);
      }
      return new Entry(typeUrl, name, m, null);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return new Entry(typeUrl, name, null, "cannot parse " + typeUrl + ": " + e.getMessage());
    }
  }

  private static String nameOf(JsonObject o, String impliedName) {
    for (String key : new String[] {"name", "cluster_name", "clusterName"}) {
      if (o.get(key) instanceof JsonPrimitive p && !p.getAsString().isEmpty()) {
        return p.getAsString();
      }
    }
    return impliedName == null ? "" : impliedName;
  }

  /** A resource keyed by name in its container but without a name of its own gets that name. */
  private static Message withName(ResourceType type, Message m, String name) {
    return switch (type) {
      case LISTENER ->
          ((io.envoyproxy.envoy.config.listener.v3.Listener) m).toBuilder().setName(name).build();
      case ROUTE_CONFIGURATION ->
          ((io.envoyproxy.envoy.config.route.v3.RouteConfiguration) m)
              .toBuilder().setName(name).build();
      case CLUSTER ->
          ((io.envoyproxy.envoy.config.cluster.v3.Cluster) m).toBuilder().setName(name).build();
      case CLUSTER_LOAD_ASSIGNMENT ->
          ((io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment) m)
              .toBuilder().setClusterName(name).build();
    };
  }

  private static ResourceType typeFromFileName(String fileName) {
    String f = fileName.toLowerCase(Locale.ROOT);
    if (f.contains(".listeners.")) {
      return ResourceType.LISTENER;
    }
    if (f.contains(".routes.")) {
      return ResourceType.ROUTE_CONFIGURATION;
    }
    if (f.contains(".clusters.")) {
      return ResourceType.CLUSTER;
    }
    if (f.contains(".endpoints.")) {
      return ResourceType.CLUSTER_LOAD_ASSIGNMENT;
    }
    return null;
  }
}
