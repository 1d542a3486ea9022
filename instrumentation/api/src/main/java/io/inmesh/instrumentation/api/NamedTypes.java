package io.inmesh.instrumentation.api;

import java.util.List;

/**
 * A {@link TypeInstrumentation} of the types given by name; subclasses declare the advice, usually
 * as anonymous classes. Not a lambda taking the advice: modules are built before {@code main},
 * where each lambda would cost a class spun at run time and the first one the whole lambda
 * machinery (~20 ms on these machines).
 */
public abstract class NamedTypes implements TypeInstrumentation {
  private final List<String> names;

  protected NamedTypes(String... names) {
    this.names = List.of(names);
  }

  @Override
  public final List<String> typeNames() {
    return names;
  }
}
