package dev.edgepress.generator;

/**
 * Receives what the generator has to say. The generator never logs by itself; the caller (the Maven
 * plugin, a test) decides how messages are shown.
 */
public interface BuildListener {

  BuildListener SILENT = new BuildListener() {};

  default void info(String message) {}

  default void warn(String message) {}

  default void debug(String message) {}
}
