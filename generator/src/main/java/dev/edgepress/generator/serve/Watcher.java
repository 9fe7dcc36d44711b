package dev.edgepress.generator.serve;

import dev.edgepress.generator.BuildListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches folders (recursively, new sub-folders included) and files for creation, change, deletion
 * and renaming, and runs an action once a burst of changes has been quiet for a moment (an editor's
 * save is often several writes).
 */
final class Watcher implements AutoCloseable {

  static final long DEBOUNCE_MS = 40;

  private final WatchService service;
  private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
  private final Set<Path> files = new HashSet<>();
  private final Set<Path> trees = new HashSet<>();
  private final Thread thread;
  private final Runnable action;
  private final BuildListener listener;

  Watcher(List<Path> watched, Runnable action, BuildListener listener) {
    this.action = action;
    this.listener = listener;
    try {
      this.service = FileSystems.getDefault().newWatchService();
      for (Path p : watched) {
        if (Files.isDirectory(p)) {
          trees.add(p.toAbsolutePath().normalize());
          registerTree(p);
        } else if (p.getParent() != null && Files.isDirectory(p.getParent())) {
          files.add(p.toAbsolutePath().normalize());
          register(p.getParent());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch the site's folders", e);
    }
    this.thread = new Thread(this::loop, "edgepress-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Watches {@code dir} and every folder under it, through folder links too, as the build follows
   * them (content/shared linked to a folder elsewhere in the site); a link that loops or leads
   * nowhere is skipped here (the build reports it).
   */
  private void registerTree(Path dir) throws IOException {
    Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        register(d);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private void register(Path dir) throws IOException {
    WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
        StandardWatchEventKinds.ENTRY_MODIFY);
    keys.put(key, dir);
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = service.take();
        boolean relevant = handle(key);
        // Debounce: gather the rest of the burst.
        WatchKey more;
        while ((more = service.poll(DEBOUNCE_MS, TimeUnit.MILLISECONDS)) != null) {
          relevant |= handle(more);
        }
        if (relevant) {
          action.run();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  private boolean handle(WatchKey key) {
    Path dir = keys.get(key);
    boolean relevant = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
        relevant = true;
        continue;
      }
      Path child = dir.resolve((Path) event.context()).toAbsolutePath().normalize();
      String name = child.getFileName().toString();
      if (name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp")) {
        continue;
      }
      boolean inTree = inTree(dir);
      if (files.contains(child) || inTree) {
        relevant = true;
      }
      if (inTree && event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
        try {
          registerTree(child);
        } catch (IOException e) {
          listener.warn("cannot watch " + child + ": " + e.getMessage());
        }
      }
    }
    if (!key.reset()) {
      keys.remove(key);
    }
    return relevant;
  }

  private boolean inTree(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    for (Path root : trees) {
      if (d.startsWith(root)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // closing
    }
    thread.interrupt();
  }
}
