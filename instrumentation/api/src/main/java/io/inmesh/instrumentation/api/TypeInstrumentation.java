package io.inmesh.instrumentation.api;

import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/** The advice a module applies to one kind of type. */
public interface TypeInstrumentation {
  /**
   * Binary names of the types to transform. Exact names, not matchers: the agent installs its hooks
   * in the background and holds the first load of exactly these classes until the hooks are ready,
   * so no class is defined unhooked in the meantime; and every other class load of the application
   * skips the agent after one set lookup.
   */
  List<String> typeNames();

  /**
   * A cheap pre-filter on the class loader, e.g. "has OkHttp"; null stands for the bootstrap
   * loader.
   */
  default ElementMatcher<ClassLoader> classLoaderMatcher() {
    return ElementMatchers.any();
  }

  /** Declares the advice of the matched types. */
  void transform(TypeTransformer transformer);
}
