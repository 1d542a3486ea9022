package io.inmesh.instrumentation.api;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/** The advice a module applies to one kind of type. */
public interface TypeInstrumentation {
  /** The types to transform; prefer name matchers, they are cheapest. */
  ElementMatcher<TypeDescription> typeMatcher();

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
