package dev.edgepress.generator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects problems from all stages (and threads) so the author sees every one in one build. */
public final class Problems {

  private final List<Problem> list = new ArrayList<>();

  public synchronized void add(Problem problem) {
    list.add(problem);
  }

  public void add(Path file, int line, String message) {
    add(Problem.at(file, line, message));
  }

  public synchronized boolean isEmpty() {
    return list.isEmpty();
  }

  public synchronized List<Problem> list() {
    return List.copyOf(list);
  }
}
