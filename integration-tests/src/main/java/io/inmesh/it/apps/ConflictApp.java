package io.inmesh.it.apps;

import com.google.common.collect.ImmutableList;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An application that bundles its own (older) gRPC, protobuf, Netty and Guava: makes a real gRPC
 * call over Netty on loopback, with a protobuf payload, and prints which jar each library came
 * from. Compiled against the agent's newer versions, run against the old ones.
 */
public final class ConflictApp {
  private ConflictApp() {}

  public static void main(String[] args) throws Exception {
    MethodDescriptor<Struct, Struct> echo =
        MethodDescriptor.<Struct, Struct>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("test.Echo/Echo")
            .setRequestMarshaller(new StructMarshaller())
            .setResponseMarshaller(new StructMarshaller())
            .build();
    ServerServiceDefinition service =
        ServerServiceDefinition.builder("test.Echo")
            .addMethod(
                echo,
                ServerCalls.asyncUnaryCall(
                    (request, observer) -> {
                      observer.onNext(request);
                      observer.onCompleted();
                    }))
            .build();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(service)
            .build()
            .start();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    try {
      Struct request =
          Struct.newBuilder()
              .putFields("msg", Value.newBuilder().setStringValue("hi").build())
              .build();
      Struct reply = ClientCalls.blockingUnaryCall(channel, echo, CallOptions.DEFAULT, request);
      System.out.println("grpc echo=" + reply.getFieldsOrThrow("msg").getStringValue());
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
    ByteBuf buf = Unpooled.copiedBuffer("netty", StandardCharsets.UTF_8);
    System.out.println("netty=" + buf.toString(StandardCharsets.UTF_8));
    List<String> list = ImmutableList.of("guava");
    System.out.println("guava=" + list.get(0));
    for (Class<?> type :
        List.of(ImmutableList.class, Struct.class, ManagedChannel.class, ByteBuf.class)) {
      System.out.println(
          "jar " + type.getName() + " " + type.getProtectionDomain().getCodeSource().getLocation());
    }
  }

  private static final class StructMarshaller implements MethodDescriptor.Marshaller<Struct> {
    @Override
    public InputStream stream(Struct value) {
      return new ByteArrayInputStream(value.toByteArray());
    }

    @Override
    public Struct parse(InputStream stream) {
      try {
        return Struct.parseFrom(stream);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(e);
      }
    }
  }
}
