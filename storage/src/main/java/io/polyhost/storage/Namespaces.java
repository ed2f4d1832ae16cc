package io.polyhost.storage;

import io.polyhost.api.storage.IndexAddress;

/** Checks the names of namespaces: service prefixes and migration namespaces alike. */
final class Namespaces {
  private Namespaces() {}

  /**
   * Checks that {@code namespace} is one name component that the database does not reserve.
   *
   * @param role how the caller calls the namespace, for the message ("Namespace prefix", ...)
   * @throws IllegalArgumentException if the name is invalid, dotted, or reserved
   */
  static void check(String namespace, String role) {
    IndexAddress.validateName(namespace);
    if (namespace.indexOf('.') >= 0) {
      throw new IllegalArgumentException(
          role + " '" + namespace + "' must be a single name component (no dots)");
    }
    if (namespace.startsWith("__")) {
      throw new IllegalArgumentException(
          role
              + " '"
              + namespace
              + "' is reserved: names starting with '__' belong to the database");
    }
    // Without this, prefixed("^svc") would open a back door into the migration of "svc".
    if (namespace.startsWith("^")) {
      throw new IllegalArgumentException(
          role + " '" + namespace + "' is reserved: names starting with '^' mark migrations");
    }
  }
}
