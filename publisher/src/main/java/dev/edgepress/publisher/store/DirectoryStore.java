package dev.edgepress.publisher.store;

import dev.edgepress.headers.Headers;
import dev.edgepress.publisher.PublishException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A local folder standing in for a bucket, so the whole pipeline runs with no AWS account. Objects
 * are files; their headers live in the manifest (the preview server derives them from the same
 * rules). Writes go through a temporary file and a rename, so no file is ever half-written.
 */
public final class DirectoryStore implements Store {

  private final Path root;
  private final RequestCounter counter = new RequestCounter();

  public DirectoryStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public String describe() {
    return root.toString();
  }

  @Override
  public boolean isLocalFolder() {
    return true;
  }

  private Path resolve(String path) {
    Path p = root.resolve(path).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new PublishException("refusing to touch " + path + ": it is outside " + root);
    }
    return p;
  }

  @Override
  public Map<String, RemoteObject> list() {
    counter.add("LIST");
    Map<String, RemoteObject> out = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try {
      // One stat a file: a no-op publish of a big site lists every object.
      Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
        @Override
        public java.nio.file.FileVisitResult visitFile(Path p, java.nio.file.attribute.BasicFileAttributes attrs) {
          String rel = root.relativize(p).toString().replace('\\', '/');
          // No ETag: reading every file to hash it would make a no-op publish read the whole site
          // again. The ETag only matters for objects the manifest does not know (a folder filled by
          // another tool), which are then copied again: cheap on a local disk.
          if (attrs.isRegularFile() && !rel.contains(".edgepress-tmp-")) {
            out.put(rel, new RemoteObject(rel, null, attrs.size()));
          }
          return java.nio.file.FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    return out;
  }

  @Override
  public Optional<byte[]> get(String path) {
    counter.add("GET");
    try {
      return Optional.of(Files.readAllBytes(resolve(path)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  @Override
  public void put(String path, Path file, Headers headers) {
    try {
      put(path, Files.readAllBytes(file), headers);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void put(String path, byte[] bytes, Headers headers) {
    counter.add("PUT");
    Path target = resolve(path);
    try {
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(target.getFileName() + ".edgepress-tmp-" + Thread.currentThread().getId());
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  @Override
  public void copy(String path, Headers headers) {
    // Headers are kept in the manifest; the bytes stay as they are.
    counter.add("COPY");
  }

  @Override
  public void delete(List<String> paths) {
    for (int i = 0; i < paths.size(); i += 1000) {
      counter.add("DELETE");
      for (String path : paths.subList(i, Math.min(paths.size(), i + 1000))) {
        try {
          Files.deleteIfExists(resolve(path));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete " + path, e);
        }
      }
    }
  }

  @Override
  public Map<String, Integer> requests() {
    return counter.snapshot();
  }
}
