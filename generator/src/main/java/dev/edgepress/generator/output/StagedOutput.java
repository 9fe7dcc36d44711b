package dev.edgepress.generator.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a build into a staging folder beside the output folder and swaps it in only when the build
 * succeeded, so a failed build leaves the last good site untouched.
 */
public final class StagedOutput {

  private final Path output;
  private final Path staging;
  private final AtomicInteger files = new AtomicInteger();

  private StagedOutput(Path output, Path staging) {
    this.output = output;
    this.staging = staging;
  }

  public static StagedOutput open(Path output) {
    Path parent = output.toAbsolutePath().getParent();
    Path staging = parent.resolve("." + output.getFileName() + ".staging");
    try {
      deleteTree(staging);
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the staging folder " + staging, e);
    }
    return new StagedOutput(output, staging);
  }

  /** Writes {@code bytes} at {@code relative} ('/' separated) under the staging folder. */
  public void write(String relative, byte[] bytes) {
    Path target = staging.resolve(relative).normalize();
    if (!target.startsWith(staging)) {
      throw new IllegalArgumentException("refusing to write outside the output folder: " + relative);
    }
    try {
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
      files.incrementAndGet();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  public int filesWritten() {
    return files.get();
  }

  /** Replaces the output folder with the staging folder. */
  public void commit() {
    Path previous = staging.resolveSibling("." + output.getFileName() + ".previous");
    try {
      deleteTree(previous);
      if (Files.exists(output)) {
        move(output, previous);
      }
      move(staging, output);
      deleteTree(previous);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the new site into " + output, e);
    }
  }

  /** Drops the staging folder; the output folder is as it was. */
  public void abort() {
    try {
      deleteTree(staging);
    } catch (IOException e) {
      // Best effort: the next build deletes it first.
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
