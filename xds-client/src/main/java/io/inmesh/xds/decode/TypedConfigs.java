package io.inmesh.xds.decode;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;

/**
 * Reads extension configs ({@code Any}). A {@code TypedStruct} (xds or udpa) stands for the type it
 * names, as in Envoy: its effective type URL is the inner one and its JSON value is parsed into
 * that type when the mesh understands it. The file source also uses it to carry extension types it
 * has no descriptor for.
 */
final class TypedConfigs {
  static final String XDS_TYPED_STRUCT = "type.googleapis.com/xds.type.v3.TypedStruct";
  static final String UDPA_TYPED_STRUCT = "type.googleapis.com/udpa.type.v1.TypedStruct";

  private TypedConfigs() {}

  static String typeUrl(Any any, String path) {
    String url = any.getTypeUrl();
    if (XDS_TYPED_STRUCT.equals(url)) {
      return xdsTypedStruct(any, path).getTypeUrl();
    }
    if (UDPA_TYPED_STRUCT.equals(url)) {
      return udpaTypedStruct(any, path).getTypeUrl();
    }
    return url;
  }

  static String typeUrlOf(Message defaultInstance) {
    return "type.googleapis.com/" + defaultInstance.getDescriptorForType().getFullName();
  }

  /** The config as {@code T}; the caller checked that {@link #typeUrl} is T's. */
  @SuppressWarnings("unchecked")
  static <T extends Message> T unpack(Any any, T defaultInstance, String path) {
    try {
      String url = any.getTypeUrl();
      Struct struct = null;
      if (XDS_TYPED_STRUCT.equals(url)) {
        struct = xdsTypedStruct(any, path).getValue();
      } else if (UDPA_TYPED_STRUCT.equals(url)) {
        struct = udpaTypedStruct(any, path).getValue();
      }
      if (struct == null) {
        return (T) defaultInstance.getParserForType().parseFrom(any.getValue());
      }
      Message.Builder builder = defaultInstance.newBuilderForType();
      JsonFormat.parser()
          .ignoringUnknownFields()
          .merge(JsonFormat.printer().print(struct), builder);
      return (T) builder.build();
    } catch (InvalidProtocolBufferException e) {
      throw new Invalid(path, "cannot parse " + typeUrlOf(defaultInstance) + ": " + e.getMessage());
    }
  }

  private static com.github.xds.type.v3.TypedStruct xdsTypedStruct(Any any, String path) {
    try {
      return com.github.xds.type.v3.TypedStruct.parseFrom(any.getValue());
    } catch (InvalidProtocolBufferException e) {
      throw new Invalid(path, "cannot parse TypedStruct: " + e.getMessage());
    }
  }

  private static com.github.udpa.udpa.type.v1.TypedStruct udpaTypedStruct(Any any, String path) {
    try {
      return com.github.udpa.udpa.type.v1.TypedStruct.parseFrom(any.getValue());
    } catch (InvalidProtocolBufferException e) {
      throw new Invalid(path, "cannot parse TypedStruct: " + e.getMessage());
    }
  }
}
