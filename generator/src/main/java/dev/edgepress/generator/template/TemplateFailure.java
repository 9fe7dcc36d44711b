package dev.edgepress.generator.template;

import dev.edgepress.generator.Problem;

/** A template is missing or failed while rendering; {@link #problem()} says which and where. */
public final class TemplateFailure extends Exception {

  private final transient Problem problem;

  TemplateFailure(Problem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
