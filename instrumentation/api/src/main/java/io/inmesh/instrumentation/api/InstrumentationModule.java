package io.inmesh.instrumentation.api;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One hooked library (or JDK area), found by {@link java.util.ServiceLoader} in the agent class
 * loader: list the implementation in {@code
 * META-INF/services/io.inmesh.instrumentation.api.InstrumentationModule} of its jar.
 *
 * <p>The {@link #name()} is the module's switch: it is listed in {@code MESH_HOOKS} / {@code
 * mesh.hooks} and turned off with {@code mesh.instrumentation.<name>.enabled=false}.
 */
public abstract class InstrumentationModule {
  private final String name;

  /**
   * @param name kebab-case, e.g. {@code jdk-dns}, {@code okhttp-3.0}
   */
  protected InstrumentationModule(String name) {
    if (!name.matches("[a-z0-9]+(-[a-z0-9.]+)*")) {
      throw new IllegalArgumentException("hook name must be kebab-case: " + name);
    }
    this.name = name;
  }

  /** The kebab-case name that is also the module's switch. */
  public final String name() {
    return name;
  }

  /**
   * Whether the module runs when nothing names it. Test-only or experimental modules return false
   * unless their own setting is present; {@code settings} looks one up by property name ({@code
   * mesh.x.y}), with the environment variable as fallback, and returns null when unset.
   */
  public boolean enabledByDefault(UnaryOperator<String> settings) {
    return true;
  }

  /** What to transform. Called once, only when the module is enabled. */
  public abstract List<TypeInstrumentation> typeInstrumentations(UnaryOperator<String> settings);

  /**
   * Hooks woven by hand into bootstrap classes before {@code main} ({@link PremainTransformer});
   * almost every module has none. Called once, only when the module is enabled.
   */
  public List<PremainTransformer> premainTransformers(UnaryOperator<String> settings) {
    return List.of();
  }

  /**
   * Classes (binary names) that advice of this module uses and that must live in the instrumented
   * class's loader because they are typed with the library's classes (an OkHttp {@code
   * Interceptor}, for example). The agent injects them before the first transformed class of that
   * loader is defined.
   */
  public List<String> helperClassNames() {
    return List.of();
  }

  /**
   * Binary names of bootstrap classes this module hooks (e.g. {@code java.net.InetAddress}). After
   * installation the agent loads any that are not loaded yet (without initialising them) and warns
   * for each that was not transformed: a silent miss would mean traffic bypasses the mesh.
   */
  public List<String> expectedBootstrapTypes(UnaryOperator<String> settings) {
    return List.of();
  }

  /**
   * Called once after this module's advice is installed. Modules whose bridge needs nothing from
   * the engine install their bridge implementation here; the others are wired by the mesh runtime.
   */
  public void start(UnaryOperator<String> settings) {}

  @Override
  public String toString() {
    return name;
  }
}
