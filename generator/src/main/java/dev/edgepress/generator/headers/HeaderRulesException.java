package dev.edgepress.generator.headers;

import dev.edgepress.generator.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code cacheRules} of a site.yaml could not be read: {@link #problems()} lists each bad rule
 * with its file and line and what to do, and the message has one {@code file:line: ...} line per
 * problem.
 */
public final class HeaderRulesException extends Exception {

  private final transient List<Problem> problems;

  public HeaderRulesException(List<Problem> problems) {
    super(problems.stream().sorted(Problem.ORDER).map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = problems.stream().sorted(Problem.ORDER).toList();
  }

  public List<Problem> problems() {
    return problems;
  }
}
