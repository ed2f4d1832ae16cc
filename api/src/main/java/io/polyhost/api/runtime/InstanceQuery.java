package io.polyhost.api.runtime;

import java.util.Objects;

/** A service instance named by its numeric id or by its name. */
public sealed interface InstanceQuery {
  /** The instance with this id. */
  record ById(int id) implements InstanceQuery {
    @Override
    public String toString() {
      return "#" + Integer.toUnsignedString(id);
    }
  }

  /** The instance with this name. */
  record ByName(String name) implements InstanceQuery {
    /** Checks the name is present. */
    public ByName {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
      return "'" + name + "'";
    }
  }

  /** The instance with id {@code id}. */
  static InstanceQuery id(int id) {
    return new ById(id);
  }

  /** The instance named {@code name}. */
  static InstanceQuery name(String name) {
    return new ByName(name);
  }
}
