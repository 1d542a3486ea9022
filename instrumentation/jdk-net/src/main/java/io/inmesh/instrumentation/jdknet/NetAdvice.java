package io.inmesh.instrumentation.jdknet;

import io.inmesh.bootstrap.ConnectBridge;
import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.channels.spi.AbstractSelectableChannel;
import net.bytebuddy.asm.Advice;

/** The advice of {@link JdkNetModule}; references only the bootstrap bridge and JDK types. */
public final class NetAdvice {
  private NetAdvice() {}

  /** {@code Net.connect(ProtocolFamily, FileDescriptor, InetAddress, int)}. */
  public static final class ConnectAdvice {
    private ConnectAdvice() {}

    /** Rewrites the target to the endpoint; true (refused) skips the kernel connect. */
    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(
        @Advice.Argument(0) ProtocolFamily family,
        @Advice.Argument(1) FileDescriptor fd,
        @Advice.Argument(value = 2, readOnly = false) InetAddress remote,
        @Advice.Argument(value = 3, readOnly = false) int port) {
      InetSocketAddress target = ConnectBridge.steer(family, fd, remote, port);
      if (target == null) {
        return false;
      }
      if (target == ConnectBridge.REFUSED) {
        return true;
      }
      remote = target.getAddress();
      port = target.getPort();
      return false;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Argument(1) FileDescriptor fd,
        @Advice.Return(readOnly = false) int result,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      Object outcome = ConnectBridge.afterConnect(fd, result, thrown);
      if (outcome instanceof Integer) {
        result = (Integer) outcome;
        thrown = null;
      } else if (outcome instanceof Throwable) {
        thrown = (Throwable) outcome;
      }
    }
  }

  /** {@code Net.pollConnectNow(FileDescriptor)}: how a pending connect ended. */
  public static final class PollAdvice {
    private PollAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Argument(0) FileDescriptor fd,
        @Advice.Return(readOnly = false) boolean polled,
        @Advice.Thrown(readOnly = false) Throwable thrown) {
      Object outcome = ConnectBridge.afterPoll(fd, polled, thrown);
      if (outcome instanceof Boolean) {
        polled = (Boolean) outcome;
        thrown = null;
      }
    }
  }

  /** {@code SocketChannelImpl.finishConnect()}: marks the non-blocking case. */
  public static final class FinishConnectAdvice {
    private FinishConnectAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter(@Advice.This AbstractSelectableChannel channel) {
      if (channel.isBlocking()) {
        return false;
      }
      ConnectBridge.NON_BLOCKING_FINISH.enter();
      return true;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean marked) {
      if (marked) {
        ConnectBridge.NON_BLOCKING_FINISH.exit();
      }
    }
  }

  /** The close of a {@code SocketChannelImpl} or {@code NioSocketImpl}. */
  public static final class CloseAdvice {
    private CloseAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.FieldValue("fd") FileDescriptor fd) {
      ConnectBridge.onClose(fd);
    }
  }
}
