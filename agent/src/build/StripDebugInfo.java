import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;

/**
 * Build step of mesh.jar (run by the agent module's antrun step as a single-file program, with
 * ByteBuddy's copy of ASM on the class path): removes debug attributes (source file, line numbers,
 * local variable tables, parameter names) from every class file under the given directory.
 *
 * <p>Applied to the relocated third-party classes only, where it takes about a fifth off the jar;
 * their stack frames then print "Unknown Source". Our own classes keep their debug information.
 */
public final class StripDebugInfo {
  private StripDebugInfo() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: StripDebugInfo <directory of class files>");
    }
    List<Path> classes;
    try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
      classes = files.filter(p -> p.toString().endsWith(".class")).toList();
    }
    long before = 0;
    long after = 0;
    for (Path file : classes) {
      byte[] in = Files.readAllBytes(file);
      // Frames are copied, not recomputed: no class loading, and the code itself is unchanged.
      ClassWriter writer = new ClassWriter(0);
      new ClassReader(in).accept(writer, ClassReader.SKIP_DEBUG);
      byte[] out = writer.toByteArray();
      Files.write(file, out);
      before += in.length;
      after += out.length;
    }
    System.out.printf(
        "StripDebugInfo: %d classes, %d -> %d bytes%n", classes.size(), before, after);
  }
}
