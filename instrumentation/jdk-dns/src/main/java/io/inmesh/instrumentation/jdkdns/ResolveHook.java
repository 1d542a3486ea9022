package io.inmesh.instrumentation.jdkdns;

import io.inmesh.instrumentation.api.PremainTransformer;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves the DNS hook into {@code java.net.InetAddress}: every static {@code getAllByName0(String,
 * ...)} overload (3 on JDK 17, 2 on JDK 25) starts with
 *
 * <pre>{@code
 * InetAddress[] answer;
 * try { answer = DnsBridge.resolve(host); } catch (Throwable t) { answer = null; }
 * if (answer != null) return answer;
 * // the JDK's own lookup, untouched
 * }</pre>
 *
 * Written with plain ASM rather than ByteBuddy advice because it must be in place before {@code
 * main} while ByteBuddy starts in the background (see {@link PremainTransformer}). The prologue
 * keeps the method's locals exactly as on entry (the answer lives on the operand stack only), so
 * the method's own stack map frames, which the class file stores as deltas from the previous frame,
 * stay valid after the full frames added here; nothing needs recomputing and no class is loaded.
 */
final class ResolveHook implements PremainTransformer {
  private static final String BRIDGE = "io/inmesh/bootstrap/DnsBridge";
  private static final String ANSWER = "[Ljava/net/InetAddress;";
  private static final String RESOLVE = "(Ljava/lang/String;)" + ANSWER;

  @Override
  public String typeName() {
    return "java.net.InetAddress";
  }

  @Override
  public byte[] transform(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    // Given the reader, the writer copies every method this visitor leaves alone byte for byte.
    ClassWriter writer = new ClassWriter(reader, 0);
    HookedMethods visitor = new HookedMethods(writer);
    reader.accept(visitor, 0);
    return visitor.hooked > 0 ? writer.toByteArray() : null;
  }

  static boolean isLookup(int access, String name, String descriptor) {
    return (access & Opcodes.ACC_STATIC) != 0
        && name.equals("getAllByName0")
        && descriptor.startsWith("(Ljava/lang/String;")
        && descriptor.endsWith(")" + ANSWER);
  }

  private static final class HookedMethods extends ClassVisitor {
    int hooked;

    HookedMethods(ClassVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
      if (!isLookup(access, name, descriptor)) {
        return method;
      }
      hooked++;
      return new Prologue(method, descriptor);
    }
  }

  private static final class Prologue extends MethodVisitor {
    private final Object[] locals;

    Prologue(MethodVisitor next, String descriptor) {
      super(Opcodes.ASM9, next);
      this.locals = entryLocals(descriptor);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      Label start = new Label();
      Label end = new Label();
      Label failed = new Label();
      Label check = new Label();
      Label passThrough = new Label();
      super.visitTryCatchBlock(start, end, failed, "java/lang/Throwable");
      super.visitLabel(start);
      super.visitVarInsn(Opcodes.ALOAD, 0);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, "resolve", RESOLVE, false);
      super.visitLabel(end);
      super.visitJumpInsn(Opcodes.GOTO, check);

      super.visitLabel(failed);
      frame("java/lang/Throwable");
      super.visitInsn(Opcodes.POP);
      super.visitInsn(Opcodes.ACONST_NULL);

      super.visitLabel(check);
      frame(ANSWER);
      super.visitInsn(Opcodes.DUP);
      super.visitJumpInsn(Opcodes.IFNULL, passThrough);
      super.visitInsn(Opcodes.ARETURN);

      super.visitLabel(passThrough);
      frame(ANSWER);
      super.visitInsn(Opcodes.POP);
    }

    private void frame(String onStack) {
      super.visitFrame(Opcodes.F_FULL, locals.length, locals, 1, new Object[] {onStack});
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      // The prologue needs two stack slots (the answer and its copy).
      super.visitMaxs(Math.max(maxStack, 2), maxLocals);
    }
  }

  /** The frame locals of a static method on entry: its parameters. */
  private static Object[] entryLocals(String descriptor) {
    Type[] parameters = Type.getArgumentTypes(descriptor);
    Object[] locals = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      locals[i] = verificationType(parameters[i]);
    }
    return locals;
  }

  private static Object verificationType(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN:
      case Type.BYTE:
      case Type.CHAR:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      default:
        return type.getInternalName();
    }
  }
}
