package dev.edgepress.publisher;

/** Receives what a publish has to say; the publisher never logs by itself. */
public interface PublishListener {

  PublishListener SILENT = new PublishListener() {};

  default void info(String message) {}

  default void warn(String message) {}

  /** Details for whoever asked for them (Maven's -X): how long each step took. */
  default void debug(String message) {}

  /** Called every few seconds while files are sent. */
  default void progress(long filesDone, long filesTotal, long bytesDone, double bytesPerSecond) {}
}
