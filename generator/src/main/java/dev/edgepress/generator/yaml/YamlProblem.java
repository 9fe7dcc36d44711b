package dev.edgepress.generator.yaml;

import dev.edgepress.generator.Problem;

/** Thrown when a YAML text cannot be read; carries the problem with file and line. */
public final class YamlProblem extends Exception {

  private final transient Problem problem;

  public YamlProblem(Problem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
