package dev.edgepress.generator.content;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A file's size and modification time, in nanoseconds since the epoch as precise as the file system
 * keeps it: what the build cache compares to know that a file did not change without reading it.
 */
public record FileStamp(long size, long modified) {

  public static FileStamp of(BasicFileAttributes attrs) {
    return new FileStamp(attrs.size(), nanos(attrs.lastModifiedTime()));
  }

  /** A file time in nanoseconds since the epoch, as precise as the file system keeps it. */
  public static long nanos(FileTime time) {
    java.time.Instant i = time.toInstant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
