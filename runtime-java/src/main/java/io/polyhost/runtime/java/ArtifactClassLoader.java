package io.polyhost.runtime.java;

import io.polyhost.api.runtime.ArtifactId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The class loader of one artifact version, named after its id: child-first over the JAR's checked
 * bytes, with the {@link ApiGate} as parent.
 *
 * <p>Shared packages ({@link SharedPackages#isShared}) always come from the parent; every other
 * class comes from the JAR if it is there, and only then from the parent (which has only the JDK to
 * offer). The one exception is {@link Gas}, the host class the metering instrumentation calls.
 * {@link #close()} forgets the bytes, after which nothing new loads.
 */
final class ArtifactClassLoader extends ClassLoader implements AutoCloseable {
  static {
    registerAsParallelCapable();
  }

  private static final String GAS = Gas.class.getName();

  private final ClassLoader gate;
  private volatile Map<String, byte[]> entries;

  ArtifactClassLoader(ArtifactId artifact, Map<String, byte[]> entries, ClassLoader gate) {
    super("artifact " + artifact, gate);
    this.gate = gate;
    this.entries = Map.copyOf(entries);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null && name.equals(GAS)) {
        loaded = Gas.class; // what instrumented code calls to charge; see Instrumenter
      }
      if (loaded == null) {
        byte[] bytes = SharedPackages.isShared(name) ? null : entries.get(classEntry(name));
        loaded = bytes == null ? gate.loadClass(name) : defineClass(name, bytes, 0, bytes.length);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  @Override
  public @Nullable URL getResource(String name) {
    URL own = findResource(name);
    return own != null ? own : gate.getResource(name);
  }

  @Override
  protected @Nullable URL findResource(String name) {
    byte[] bytes = entries.get(name);
    if (bytes == null) {
      return null;
    }
    try {
      URI uri = new URI("polyhost-artifact", null, "/" + name, null);
      return URL.of(uri, new BytesHandler(bytes));
    } catch (URISyntaxException | java.net.MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL own = findResource(name);
    return own == null
        ? Collections.emptyEnumeration()
        : Collections.enumeration(java.util.List.of(own));
  }

  /** Forgets the JAR: classes already defined stay usable, nothing new loads. */
  @Override
  public void close() {
    entries = Map.of();
  }

  private static String classEntry(String className) {
    return className.replace('.', '/') + ".class";
  }

  /** Serves one entry's bytes; static, so a URL handed out does not keep the loader alive. */
  private static final class BytesHandler extends URLStreamHandler {
    private final byte[] bytes;

    BytesHandler(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    protected URLConnection openConnection(URL url) {
      return new URLConnection(url) {
        @Override
        public void connect() {}

        @Override
        public InputStream getInputStream() throws IOException {
          return new ByteArrayInputStream(bytes);
        }
      };
    }
  }
}
