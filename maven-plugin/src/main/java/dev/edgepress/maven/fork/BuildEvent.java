package dev.edgepress.maven.fork;

import dev.edgepress.generator.BuildResult;
import dev.edgepress.generator.Problem;
import java.util.Objects;
import java.util.Optional;

/**
 * What a build running in another JVM says, in order: any number of {@link Log} and
 * {@link SiteProblem} events, a {@link Result} when it built, and one {@link Exit} last. Crosses the
 * JVM boundary through {@link BuildProtocol}.
 */
public sealed interface BuildEvent {

  /** How loud a {@link Log} message is; Maven's log shows each at its own level. */
  enum Level { INFO, WARN, DEBUG }

  /** A message of the generator's, any text (newlines included). */
  record Log(Level level, String message) implements BuildEvent {
    public Log {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(message, "message");
    }
  }

  /** One thing wrong with the site's input; the build then ends with {@link Exit#PROBLEMS}. */
  record SiteProblem(Problem problem) implements BuildEvent {
    public SiteProblem {
      Objects.requireNonNull(problem, "problem");
    }
  }

  /** What a successful build produced (see {@link BuildResult}). */
  record Result(int pages, int listPages, int files, int rendered, long millis) implements BuildEvent {
    public static Result of(BuildResult result) {
      return new Result(result.pages(), result.listPages(), result.files(), result.rendered(),
          result.elapsed().toMillis());
    }
  }

  /**
   * The end of the build: {@link #BUILT}, {@link #PROBLEMS} or {@link #FAILED}, the last with what
   * went wrong when it is known.
   */
  record Exit(int code, Optional<String> error) implements BuildEvent {
    /** The site was built. */
    public static final int BUILT = 0;
    /** Anything else went wrong: an I/O error, a bug, no memory. */
    public static final int FAILED = 1;
    /** The site has problems, each sent as a {@link SiteProblem}. */
    public static final int PROBLEMS = 2;

    public Exit {
      Objects.requireNonNull(error, "error");
    }

    public static Exit of(int code) {
      return new Exit(code, Optional.empty());
    }
  }
}
