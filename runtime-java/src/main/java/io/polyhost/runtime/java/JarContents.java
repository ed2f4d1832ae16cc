package io.polyhost.runtime.java;

import java.util.Map;
import java.util.jar.Manifest;

/**
 * An artifact JAR as read and checked: its manifest and the bytes of every other file entry, keyed
 * by entry name.
 */
record JarContents(Manifest manifest, Map<String, byte[]> entries) {
  JarContents {
    entries = Map.copyOf(entries);
  }
}
