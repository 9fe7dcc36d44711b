package dev.edgepress.generator;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with the author's input: where it is (file, line, column when known) and what to
 * do about it. Lines and columns are 1-based; 0 means unknown.
 */
public record Problem(Path file, int line, int column, String message) {

  /** Orders problems by file, then line, then column, so a report reads top to bottom. */
  public static final Comparator<Problem> ORDER =
      Comparator.comparing((Problem p) -> p.file() == null ? "" : p.file().toString())
          .thenComparingInt(Problem::line)
          .thenComparingInt(Problem::column)
          .thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(message, "message");
  }

  public static Problem at(Path file, int line, String message) {
    return new Problem(file, line, 0, message);
  }

  public static Problem at(Path file, int line, int column, String message) {
    return new Problem(file, line, column, message);
  }

  public static Problem of(Path file, String message) {
    return new Problem(file, 0, 0, message);
  }

  /** {@code path:line:column: message}, the form editors and terminals make clickable. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (file != null) {
      s.append(file);
      if (line > 0) {
        s.append(':').append(line);
        if (column > 0) {
          s.append(':').append(column);
        }
      }
      s.append(": ");
    }
    return s.append(message).toString();
  }
}
