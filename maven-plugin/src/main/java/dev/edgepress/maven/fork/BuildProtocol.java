package dev.edgepress.maven.fork;

import static dev.edgepress.maven.fork.ProtocolLine.shorten;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.config.SiteLayout;
import dev.edgepress.generator.links.LinkCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one codec of what crosses between the plugin and a build in another JVM: a
 * {@link BuildRequest} one way, {@link BuildEvent}s the other.
 *
 * <p>Text, UTF-8, one message a line. A stream starts with the line {@code edgepress-build-protocol
 * 1} (the version; a reader refuses any other). Each message is its kind, then its fields, each
 * {@code name=value}, separated by tabs:
 *
 * <pre>
 * request  siteDirectory= outputDirectory= cacheFile= [configFile= contentDirectory= staticDirectory=
 *          templatesDirectory= dataDirectory=] drafts= future= expired= incremental= threads= links= [baseUrl=]
 *          (the {@link dev.edgepress.generator.config.SiteLayout}: always written; a folder left out is
 *          read as its usual place in siteDirectory)
 * log      level=INFO|WARN|DEBUG message=
 * problem  [file=] line= column= message=
 * result   pages= listPages= files= rendered= millis=
 * exit     code= [error=]
 * </pre>
 *
 * A field in brackets is left out when it has no value. In a value, {@code \} is written {@code \\},
 * a tab {@code \t}, a line feed {@code \n}, a carriage return {@code \r}, and any other control
 * character or lone surrogate {@code \}{@code uXXXX}, so any text survives the trip unchanged. An
 * unknown kind, a missing, repeated or unknown field, or a bad value is a {@link ProtocolException}
 * naming it.
 */
public final class BuildProtocol {

  /** The protocol's version; both ends of a stream must speak the same. */
  public static final int VERSION = 1;

  private static final String MAGIC = "edgepress-build-protocol";

  private BuildProtocol() {}

  /** The first line of every stream. */
  public static String hello() {
    return MAGIC + " " + VERSION;
  }

  /** Checks a stream's first line. */
  static void checkHello(String line) throws ProtocolException {
    if (line == null) {
      throw new ProtocolException("the stream ended before it said which protocol it speaks");
    }
    if (line.equals(hello())) {
      return;
    }
    if (line.startsWith(MAGIC + " ")) {
      throw new ProtocolException("the other JVM speaks version "
          + shorten(line.substring(MAGIC.length() + 1)) + " of the build protocol and this plugin version " + VERSION
          + ": both must come from the same plugin version");
    }
    throw new ProtocolException("expected '" + hello() + "' first, got '" + shorten(line) + "'");
  }

  // ---- requests

  public static String encode(BuildRequest r) {
    return new ProtocolLine.Builder("request")
        .put("siteDirectory", r.layout().siteDirectory().toString())
        .put("outputDirectory", r.outputDirectory().toString())
        .put("cacheFile", r.cacheFile().toString())
        .put("configFile", r.layout().configFile().toString())
        .put("contentDirectory", r.layout().contentDirectory().toString())
        .put("staticDirectory", r.layout().staticDirectory().toString())
        .put("templatesDirectory", r.layout().templatesDirectory().toString())
        .put("dataDirectory", r.layout().dataDirectory().toString())
        .put("drafts", String.valueOf(r.drafts()))
        .put("future", String.valueOf(r.future()))
        .put("expired", String.valueOf(r.expired()))
        .put("incremental", String.valueOf(r.incremental()))
        .put("threads", String.valueOf(r.threads()))
        .put("links", r.links().name())
        .put("baseUrl", r.baseUrl())
        .toString();
  }

  public static BuildRequest decodeRequest(String line) throws ProtocolException {
    ProtocolLine.Fields f = ProtocolLine.Fields.parse(line);
    if (!f.kind.equals("request")) {
      throw new ProtocolException("expected a build request, got '" + shorten(f.kind) + "'");
    }
    SiteLayout layout = SiteLayout.of(f.path("siteDirectory"));
    Path output = f.path("outputDirectory");
    Path cacheFile = f.path("cacheFile");
    layout = layout.with(f.optionalPath("configFile"), f.optionalPath("contentDirectory"),
        f.optionalPath("staticDirectory"), f.optionalPath("templatesDirectory"), f.optionalPath("dataDirectory"));
    BuildRequest request = BuildRequest.builder(layout, output, cacheFile)
        .drafts(f.bool("drafts"))
        .future(f.bool("future"))
        .expired(f.bool("expired"))
        .incremental(f.bool("incremental"))
        .threads(f.integer("threads"))
        .links(f.constant("links", LinkCheck.class))
        .baseUrl(f.optional("baseUrl"))
        .build();
    f.end();
    return request;
  }

  /** Writes a stream of one request: the version line and the request. */
  public static void writeRequest(BuildRequest request, Writer out) throws IOException {
    out.write(hello() + "\n" + encode(request) + "\n");
    out.flush();
  }

  /** Reads what {@link #writeRequest} wrote. */
  public static BuildRequest readRequest(BufferedReader in) throws IOException {
    checkHello(in.readLine());
    String line = in.readLine();
    if (line == null) {
      throw new ProtocolException("the stream ended before the build request");
    }
    return decodeRequest(line);
  }

  // ---- events

  public static String encode(BuildEvent event) {
    if (event instanceof BuildEvent.Log log) {
      return new ProtocolLine.Builder("log").put("level", log.level().name()).put("message", log.message())
          .toString();
    }
    if (event instanceof BuildEvent.SiteProblem sp) {
      Problem p = sp.problem();
      return new ProtocolLine.Builder("problem")
          .put("file", Optional.ofNullable(p.file()).map(Path::toString))
          .put("line", String.valueOf(p.line()))
          .put("column", String.valueOf(p.column()))
          .put("message", p.message())
          .toString();
    }
    if (event instanceof BuildEvent.Result r) {
      return new ProtocolLine.Builder("result")
          .put("pages", String.valueOf(r.pages()))
          .put("listPages", String.valueOf(r.listPages()))
          .put("files", String.valueOf(r.files()))
          .put("rendered", String.valueOf(r.rendered()))
          .put("millis", String.valueOf(r.millis()))
          .toString();
    }
    if (event instanceof BuildEvent.Exit exit) {
      return new ProtocolLine.Builder("exit").put("code", String.valueOf(exit.code())).put("error", exit.error())
          .toString();
    }
    throw new IllegalArgumentException("Not a build event: " + event);
  }

  public static BuildEvent decodeEvent(String line) throws ProtocolException {
    ProtocolLine.Fields f = ProtocolLine.Fields.parse(line);
    BuildEvent event = switch (f.kind) {
      case "log" -> new BuildEvent.Log(f.constant("level", BuildEvent.Level.class), f.text("message"));
      case "problem" -> new BuildEvent.SiteProblem(new Problem(f.optionalPath("file").orElse(null), f.integer("line"),
          f.integer("column"), f.text("message")));
      case "result" -> new BuildEvent.Result(f.integer("pages"), f.integer("listPages"), f.integer("files"),
          f.integer("rendered"), f.longInteger("millis"));
      case "exit" -> new BuildEvent.Exit(f.integer("code"), f.optional("error"));
      default -> throw new ProtocolException("unknown build event '" + shorten(f.kind) + "' in '" + shorten(line)
          + "'; this plugin knows log, problem, result and exit");
    };
    f.end();
    return event;
  }

  /**
   * Writes events to a stream, the version line first, each flushed at once so that the reader
   * shows it as it happens.
   */
  public static final class EventWriter implements Consumer<BuildEvent> {
    private final Writer out;

    public EventWriter(Writer out) {
      this.out = out;
      write(hello());
    }

    @Override
    public void accept(BuildEvent event) {
      write(encode(event));
    }

    private void write(String line) {
      try {
        out.write(line);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The decorations the JVM's unified logging starts a line with: [0.298s][info], [2026-...][warning]. */
  private static final java.util.regex.Pattern JVM_LOG =
      java.util.regex.Pattern.compile("\\[[^\\]\\s]{1,40}\\]\\[(?:trace|debug|info|warning|error)\\s*\\]");

  /** Reads what an {@link EventWriter} wrote. */
  public static final class EventReader {
    private final BufferedReader in;
    private boolean started;

    public EventReader(BufferedReader in) {
      this.in = in;
    }

    /** Whether the stream's first line came: the build's program runs (its JVM started). */
    public boolean started() {
      return started;
    }

    /**
     * The next event, or empty at the end of the stream (a stream with nothing in it included). A
     * line of the JVM's own log ({@code [0.298s][info][jfr,startup] ...}, from {@code -Xlog} or
     * JFR options in jvmArgs, which write to stdout unless told otherwise) comes as a log message,
     * wherever it falls, instead of breaking the protocol; so does anything before the stream's
     * first line, which only the JVM can have written.
     */
    public Optional<BuildEvent> next() throws IOException {
      while (true) {
        String line = in.readLine();
        if (line == null) {
          return Optional.empty();
        }
        if (JVM_LOG.matcher(line).lookingAt()) {
          return Optional.of(new BuildEvent.Log(BuildEvent.Level.INFO, line));
        }
        if (started) {
          return Optional.of(decodeEvent(line));
        }
        if (!line.startsWith(MAGIC)) {
          // Before the build's first line, only the JVM writes: options such as
          // -XX:CompilerDirectivesFile or -XX:+PrintFlagsFinal print on stdout as it starts.
          return Optional.of(new BuildEvent.Log(BuildEvent.Level.INFO, line));
        }
        checkHello(line);
        started = true;
      }
    }
  }
}
