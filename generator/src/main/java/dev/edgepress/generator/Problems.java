package dev.edgepress.generator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects problems from all stages (and threads) so the author sees every one in one build. */
public final class Problems {

  private final List<Problem> list = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();

  public synchronized void add(Problem problem) {
    list.add(problem);
  }

  public void add(Path file, int line, String message) {
    add(Problem.at(file, line, message));
  }

  public synchronized boolean isEmpty() {
    return list.isEmpty();
  }

  /** How many problems so far (without copying them). */
  public synchronized int size() {
    return list.size();
  }

  public synchronized List<Problem> list() {
    return List.copyOf(list);
  }

  /** Something the author should know that does not stop the build (shown as a warning). */
  public synchronized void warn(Problem warning) {
    warnings.add(warning);
  }

  /** The warnings so far, in the order they came. */
  public synchronized List<Problem> warnings() {
    return List.copyOf(warnings);
  }
}
