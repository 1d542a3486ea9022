package io.inmesh.xds.file;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.inmesh.xds.decode.ResourceType;
import java.util.Map;

/**
 * Parses one xDS resource from proto3 JSON (snake_case or camelCase).
 *
 * <p>{@code JsonFormat} fails on an {@code Any} whose {@code @type} it has no descriptor for, and
 * registering every Envoy type would initialise thousands of descriptors. So the registry holds
 * only the extension types the decoder reads; any other typed config is rewritten, before parsing,
 * into an {@code xds.type.v3.TypedStruct} naming the original type, which is how Envoy itself
 * carries configs it has no schema for. The decoder reads a TypedStruct's inner type URL, so an
 * unknown filter still shows up as {@code FilterConfig.Other} with its real type.
 */
final class JsonResources {
  private static final String TYPED_STRUCT = "type.googleapis.com/xds.type.v3.TypedStruct";

  private JsonResources() {}

  /** Holder: descriptor initialisation is slow, so it happens on first use, not class load. */
  private static final class Registry {
    static final JsonFormat.TypeRegistry TYPES;
    static final JsonFormat.Parser PARSER;

    static {
      JsonFormat.TypeRegistry.Builder b = JsonFormat.TypeRegistry.newBuilder();
      for (Descriptor d : KnownTypes.descriptors()) {
        b.add(d);
      }
      TYPES = b.build();
      PARSER = JsonFormat.parser().usingTypeRegistry(TYPES).ignoringUnknownFields();
    }
  }

  /**
   * Parses a resource object of a v3 type.
   *
   * @param json the resource; its own top-level {@code @type}, if any, is ignored
   * @throws InvalidProtocolBufferException when the JSON does not fit the type
   */
  static Message parse(ResourceType type, JsonObject json) throws InvalidProtocolBufferException {
    JsonObject copy = json.deepCopy();
    copy.remove("@type");
    rewriteUnknownAnys(copy);
    Message.Builder builder = KnownTypes.defaultInstance(type).newBuilderForType();
    Registry.PARSER.merge(copy.toString(), builder);
    return builder.build();
  }

  private static void rewriteUnknownAnys(JsonElement e) {
    if (e.isJsonArray()) {
      for (JsonElement item : e.getAsJsonArray()) {
        rewriteUnknownAnys(item);
      }
      return;
    }
    if (!e.isJsonObject()) {
      return;
    }
    JsonObject o = e.getAsJsonObject();
    for (Map.Entry<String, JsonElement> field : o.entrySet()) {
      JsonElement value = field.getValue();
      if (value.isJsonObject() && isUnknownAny(value.getAsJsonObject())) {
        field.setValue(asTypedStruct(value.getAsJsonObject()));
      } else {
        rewriteUnknownAnys(value);
      }
    }
  }

  private static boolean isUnknownAny(JsonObject o) {
    JsonElement t = o.get("@type");
    if (t == null || !t.isJsonPrimitive()) {
      return false;
    }
    String url = t.getAsString();
    return Registry.TYPES.find(url.substring(url.lastIndexOf('/') + 1)) == null;
  }

  private static JsonObject asTypedStruct(JsonObject any) {
    JsonObject value = any.deepCopy();
    String url = value.remove("@type").getAsString();
    JsonObject typed = new JsonObject();
    typed.addProperty("@type", TYPED_STRUCT);
    typed.addProperty("type_url", url);
    typed.add("value", value);
    return typed;
  }
}
