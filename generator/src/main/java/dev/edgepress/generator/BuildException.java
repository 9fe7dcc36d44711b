package dev.edgepress.generator;

import java.util.List;

/** The build failed; {@link #problems()} lists every problem found, in file and line order. */
public final class BuildException extends RuntimeException {

  private final List<Problem> problems;

  public BuildException(List<Problem> problems) {
    super(summary(problems));
    this.problems = problems.stream().sorted(Problem.ORDER).toList();
  }

  public BuildException(Problem problem) {
    this(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    StringBuilder s = new StringBuilder();
    s.append("The site has ")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems")
        .append("; the previous output was left as it was:");
    problems.stream().sorted(Problem.ORDER).forEach(p -> s.append("\n  ").append(p));
    return s.toString();
  }
}
