package dev.edgepress.generator.content;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Where a page's Markdown body is: read again from its file when it is rendered, rather than held
 * in memory from loading until rendering (10,000 bodies are 80 MB that the garbage collector would
 * copy again and again).
 */
public final class Body {

  private final Path file;
  private final int offset;

  public Body(Path file, int offset) {
    this.file = file;
    this.offset = offset;
  }

  /** Where the Markdown starts in the file (in characters, after line endings are normalised). */
  public int offset() {
    return offset;
  }

  /** The Markdown text after the front matter. */
  public String text() {
    try {
      String all = SourceText.read(file).text();
      return offset <= all.length() ? all.substring(offset) : "";
    } catch (SourceText.Unreadable e) {
      throw new UncheckedIOException(new java.io.IOException(
          e.problem() + " (the file changed during the build; build again)"));
    }
  }
}
