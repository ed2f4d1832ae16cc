package io.polyhost.runtime.js;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * What a bundle's modules see as the file system: the bundle's files under {@value #ROOT}, read
 * only, from memory, and nothing else. It is the only way GraalJS resolves {@code import}s, so a
 * module can import its siblings ({@code ./lib/math.mjs}) but no path, relative or absolute,
 * reaches a file of the node. The {@link Path} objects only carry names; no method touches the
 * disk.
 */
final class BundleFileSystem implements FileSystem {
  /** Where the bundle appears. */
  static final String ROOT = "/polyhost-bundle";

  private static final Path ROOT_PATH = Path.of(ROOT);
  private static final FileTime EPOCH = FileTime.fromMillis(0);

  private final Map<Path, byte[]> files = new HashMap<>();
  private final Set<Path> folders = new HashSet<>();

  BundleFileSystem(JsBundle bundle) {
    folders.add(ROOT_PATH);
    bundle
        .files()
        .forEach((name, content) -> {
          Path path = ROOT_PATH.resolve(name);
          files.put(path, content);
          for (Path p = path.getParent(); p != null && p.startsWith(ROOT_PATH); p = p.getParent()) {
            folders.add(p);
          }
        });
  }

  /** The absolute specifier of the bundle's file {@code name}. */
  static String specifier(String name) {
    return ROOT + "/" + name;
  }

  @Override
  public Path parsePath(URI uri) {
    if (!"file".equals(uri.getScheme())) {
      throw new UnsupportedOperationException("Only bundle files can be imported, not " + uri);
    }
    return Path.of(uri.getPath());
  }

  @Override
  public Path parsePath(String path) {
    return Path.of(path);
  }

  @Override
  public void checkAccess(Path path, Set<? extends AccessMode> modes, java.nio.file.LinkOption... o)
      throws IOException {
    Path p = normal(path);
    if (!files.containsKey(p) && !folders.contains(p)) {
      throw new NoSuchFileException(path.toString());
    }
    if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
      throw new ReadOnlyFileSystemException();
    }
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) {
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public void delete(Path path) {
    throw new ReadOnlyFileSystemException();
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    for (OpenOption option : options) {
      if (option != StandardOpenOption.READ) {
        throw new ReadOnlyFileSystemException();
      }
    }
    byte[] content = files.get(normal(path));
    if (content == null) {
      throw new NoSuchFileException(path.toString());
    }
    return new ReadChannel(content);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    throw new NoSuchFileException(dir.toString(), null, "bundles cannot be listed");
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return path.isAbsolute() ? path : ROOT_PATH.resolve(path);
  }

  @Override
  public Path toRealPath(Path path, java.nio.file.LinkOption... linkOptions) throws IOException {
    Path p = normal(path);
    if (!files.containsKey(p) && !folders.contains(p)) {
      throw new NoSuchFileException(path.toString());
    }
    return p;
  }

  @Override
  public Map<String, Object> readAttributes(
      Path path, String attributes, java.nio.file.LinkOption... options) throws IOException {
    Path p = normal(path);
    byte[] content = files.get(p);
    if (content == null && !folders.contains(p)) {
      throw new NoSuchFileException(path.toString());
    }
    Map<String, Object> out = new HashMap<>();
    out.put("size", content == null ? 0L : (long) content.length);
    out.put("isRegularFile", content != null);
    out.put("isDirectory", content == null);
    out.put("isSymbolicLink", false);
    out.put("isOther", false);
    out.put("lastModifiedTime", EPOCH);
    out.put("lastAccessTime", EPOCH);
    out.put("creationTime", EPOCH);
    return out;
  }

  private static Path normal(Path path) {
    return (path.isAbsolute() ? path : ROOT_PATH.resolve(path)).normalize();
  }

  /** A read-only channel over one file's bytes. */
  private static final class ReadChannel implements SeekableByteChannel {
    private final byte[] content;
    private long position;
    private boolean open = true;

    ReadChannel(byte[] content) {
      this.content = content;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (position >= content.length) {
        return -1;
      }
      int n = (int) Math.min(dst.remaining(), content.length - position);
      dst.put(content, (int) position, n);
      position += n;
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = newPosition;
      return this;
    }

    @Override
    public long size() {
      return content.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
