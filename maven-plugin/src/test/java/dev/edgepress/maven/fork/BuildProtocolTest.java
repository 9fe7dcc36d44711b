package dev.edgepress.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.config.SiteLayout;
import dev.edgepress.generator.links.LinkCheck;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The build protocol's codec: every message survives the trip, and a bad line is refused by name. */
class BuildProtocolTest {

  /** Text that a naive line protocol would break: separators, escapes, controls, odd Unicode. */
  static List<String> hostile() {
    return List.of(
        "",
        "plain",
        "tab\there",
        "line one\nline two\r\nline three\rend",
        "back\\slash \\n not a newline \\t \\u0041 \\",
        "\\",
        "name=value\tfile=x.md\tline=3",
        "=\t=\t=",
        "exit\tcode=0",
        "controls \u0000 \u0001 \u001b[31m red \u007f \u0085 \u2028 \u2029",
        "lone surrogates \ud800 and \udfff and reversed \udc00\ud800",
        "emoji 😀 and accents é ü ñ and CJK 漢字",
        "trailing space ",
        " leading space",
        "x".repeat(100_000));
  }

  /** A path named with {@code text}, where the file system allows it (no NUL, no lone surrogate). */
  static Path path(String prefix, String text) {
    try {
      return Path.of(prefix + text);
    } catch (InvalidPathException e) {
      return Path.of(prefix + "tab\tline feed\nback\\slash=");
    }
  }

  static BuildRequest fullRequest(String text) {
    SiteLayout layout = SiteLayout.of(path("/site ", text)).withConfigFile(path("conf ", text))
        .withContentDirectory(Path.of("content")).withStaticDirectory(Path.of("static"))
        .withTemplatesDirectory(Path.of("templates")).withDataDirectory(Path.of("data"));
    return BuildRequest.builder(layout, Path.of("/site/target/site"), path("/cache/", text))
        .drafts(true)
        .future(true)
        .expired(true)
        .incremental(false)
        .threads(7)
        .links(LinkCheck.WARN)
        .baseUrl(Optional.of("https://example.com/" + text))
        .build();
  }

  static List<BuildEvent> events(String text) {
    return List.of(
        new BuildEvent.Log(BuildEvent.Level.INFO, text),
        new BuildEvent.Log(BuildEvent.Level.WARN, text),
        new BuildEvent.Log(BuildEvent.Level.DEBUG, text),
        new BuildEvent.SiteProblem(new Problem(path("content/bad ", text), 3, 14, text)),
        new BuildEvent.SiteProblem(new Problem(null, 0, 0, text)),
        new BuildEvent.Result(10_000, 1_234, 12_345, 0, Long.MAX_VALUE),
        BuildEvent.Exit.of(BuildEvent.Exit.BUILT),
        BuildEvent.Exit.of(BuildEvent.Exit.PROBLEMS),
        new BuildEvent.Exit(BuildEvent.Exit.FAILED, Optional.of(text)));
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void everyEventSurvivesTheTripOnOneLine(String text) throws Exception {
    for (BuildEvent event : events(text)) {
      String line = BuildProtocol.encode(event);
      assertThat(line).doesNotContain("\n", "\r");
      assertThat(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
          .as("the line survives UTF-8 (no lone surrogate)").isEqualTo(line);
      assertThat(BuildProtocol.decodeEvent(line)).isEqualTo(event);
    }
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void aRequestSurvivesTheTrip(String text) throws Exception {
    BuildRequest request = fullRequest(text);
    String line = BuildProtocol.encode(request);
    assertThat(line).doesNotContain("\n", "\r");
    assertThat(BuildProtocol.decodeRequest(line)).isEqualTo(request);
  }

  @Test
  void aRequestWithOnlyWhatIsRequiredSurvivesTheTrip() throws Exception {
    BuildRequest request = BuildRequest.builder(Path.of("site"), Path.of("out"), Path.of("cache")).build();
    assertThat(BuildProtocol.decodeRequest(BuildProtocol.encode(request))).isEqualTo(request);
    assertThat(request.links()).isEqualTo(LinkCheck.FAIL);
    assertThat(request.incremental()).isTrue();
    assertThat(request.layout()).isEqualTo(SiteLayout.of(Path.of("site")));
  }

  @Test
  void aRequestWithoutTheLayoutsFoldersReadsThemAsTheUsualPlaces() throws Exception {
    Path site = Path.of("/site").toAbsolutePath();
    BuildRequest request = BuildProtocol.decodeRequest(new ProtocolLine.Builder("request")
        .put("siteDirectory", site.toString()).put("outputDirectory", "/out").put("cacheFile", "/cache")
        .put("contentDirectory", "/elsewhere/pages")
        .put("drafts", "false").put("future", "false").put("expired", "false").put("incremental", "true")
        .put("threads", "0").put("links", "FAIL").toString());
    assertThat(request.layout()).isEqualTo(SiteLayout.of(site).withContentDirectory(Path.of("/elsewhere/pages")));
  }

  @Test
  void aBlankBaseUrlIsNone() {
    BuildRequest request = BuildRequest.builder(Path.of("s"), Path.of("o"), Path.of("c")).baseUrl(Optional.of("  "))
        .build();
    assertThat(request.baseUrl()).isEmpty();
  }

  @Test
  void theWireFormatIsNamedFieldsAfterAVersionLine() throws Exception {
    StringWriter text = new StringWriter();
    BuildProtocol.EventWriter writer = new BuildProtocol.EventWriter(text);
    writer.accept(new BuildEvent.SiteProblem(Problem.at(Path.of("a.md"), 3, "two\nlines")));
    writer.accept(new BuildEvent.Result(1, 2, 3, 4, 5));
    writer.accept(BuildEvent.Exit.of(0));
    assertThat(text.toString()).isEqualTo("""
        edgepress-build-protocol 1
        problem\tfile=a.md\tline=3\tcolumn=0\tmessage=two\\nlines
        result\tpages=1\tlistPages=2\tfiles=3\trendered=4\tmillis=5
        exit\tcode=0
        """);
  }

  @Test
  void aStreamOfEventsReadsBackInOrderThroughUtf8() throws Exception {
    List<BuildEvent> sent = new ArrayList<>();
    for (String text : hostile()) {
      sent.addAll(events(text));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BuildProtocol.EventWriter writer = new BuildProtocol.EventWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
    sent.forEach(writer);

    BuildProtocol.EventReader reader = new BuildProtocol.EventReader(new BufferedReader(
        new InputStreamReader(new ByteArrayInputStream(bytes.toByteArray()), StandardCharsets.UTF_8)));
    List<BuildEvent> received = new ArrayList<>();
    for (Optional<BuildEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
      received.add(e.get());
    }
    assertThat(received).isEqualTo(sent);
  }

  @Test
  void aRequestStreamReadsBack() throws Exception {
    StringWriter text = new StringWriter();
    BuildProtocol.writeRequest(fullRequest("x"), text);
    assertThat(text.toString()).startsWith("edgepress-build-protocol 1\nrequest\t");
    assertThat(BuildProtocol.readRequest(new BufferedReader(new StringReader(text.toString()))))
        .isEqualTo(fullRequest("x"));
  }

  @Test
  void theJvmsOwnLogLinesComeAsMessagesWhereverTheyFall() throws Exception {
    // -Xlog or JFR in jvmArgs write to stdout unless told otherwise, before and between events.
    BuildProtocol.EventReader reader = new BuildProtocol.EventReader(new BufferedReader(new StringReader(
        "[0.298s][info][jfr,startup] Started recording 1.\nedgepress-build-protocol 1\n"
            + "[1.002s][info   ][gc] GC(0) Pause Young 10M->2M\nexit\tcode=0\n")));
    List<BuildEvent> events = new ArrayList<>();
    for (Optional<BuildEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
      events.add(e.get());
    }
    assertThat(events).hasSize(3);
    assertThat(events.get(0)).isEqualTo(new BuildEvent.Log(BuildEvent.Level.INFO,
        "[0.298s][info][jfr,startup] Started recording 1."));
    assertThat(events.get(1)).isInstanceOf(BuildEvent.Log.class);
    assertThat(events.get(2)).isInstanceOf(BuildEvent.Exit.class);
  }

  @Test
  void whatTheJvmPrintsBeforeTheFirstLineComesAsMessagesAndGarbageAfterItIsAnError() throws Exception {
    // -XX:CompilerDirectivesFile=... says so on stdout as the JVM starts.
    BuildProtocol.EventReader reader = new BuildProtocol.EventReader(new BufferedReader(new StringReader(
        "2 compiler directives added\nedgepress-build-protocol 1\nexit\tcode=0\nnot an event\n")));
    assertThat(reader.next()).contains(new BuildEvent.Log(BuildEvent.Level.INFO, "2 compiler directives added"));
    assertThat(reader.next()).containsInstanceOf(BuildEvent.Exit.class);
    assertThatThrownBy(reader::next).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unknown build event 'not an event'");
  }

  @Test
  void anEmptyStreamHasNoEvents() throws Exception {
    BuildProtocol.EventReader reader = new BuildProtocol.EventReader(new BufferedReader(new StringReader("")));
    assertThat(reader.next()).isEmpty();
  }

  @Test
  void anotherVersionIsRefusedWithBothVersions() {
    BuildProtocol.EventReader reader = new BuildProtocol.EventReader(
        new BufferedReader(new StringReader("edgepress-build-protocol 2\nexit\tcode=0\n")));
    assertThatThrownBy(reader::next).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("version 2").hasMessageContaining("this plugin version 1");
    assertThatThrownBy(() -> BuildProtocol.readRequest(new BufferedReader(new StringReader("request\tx=y\n"))))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("expected 'edgepress-build-protocol 1' first");
  }

  @Test
  void anUnknownEventIsAClearError() {
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("progress\tdone=3"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("unknown build event 'progress'")
        .hasMessageContaining("log, problem, result and exit");
    // What the protocol before this one printed is not taken for an event either.
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("RESULT 1 0 13 250 5"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown build event 'RESULT 1 0 13 250 5'");
  }

  @Test
  void aBadFieldIsAClearError() {
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("result\tpages=1\tlistPages=2\tfiles=3\trendered=4"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("lacks its field 'millis'");
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("exit\tcode=zero"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("'code' must be a whole number, not 'zero'");
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("exit\tcode=0\tcolour=red"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown fields [colour]");
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("exit\tcode=0\tcode=1"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("'code' is repeated");
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("exit\tcode"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("must be name=value");
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("log\tlevel=LOUD\tmessage=x"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("'level' must be one of [INFO, WARN, DEBUG]");
    assertThatThrownBy(() -> BuildProtocol.decodeRequest(BuildProtocol.encode(fullRequest("x"))
        .replace("drafts=true", "drafts=yes")))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("'drafts' must be true or false, not 'yes'");
    assertThatThrownBy(() -> BuildProtocol.decodeRequest("exit\tcode=0"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("expected a build request");
  }

  @Test
  void aBadEscapeIsAClearError() {
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("log\tlevel=INFO\tmessage=a\\"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("lone \\");
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("log\tlevel=INFO\tmessage=\\x"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown escape \\x");
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("log\tlevel=INFO\tmessage=\\u00"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("four hex digits");
    assertThatThrownBy(() -> BuildProtocol.decodeEvent("log\tlevel=INFO\tmessage=\\u+fff"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("four hex digits");
  }

  @Test
  void anErrorQuotesAHostileLineShortAndOnOneLine() {
    String hostile = "progress\tmessage=" + "\u001b[2J".repeat(1000);
    assertThatThrownBy(() -> BuildProtocol.decodeEvent(hostile))
        .isInstanceOf(ProtocolException.class)
        .satisfies(e -> {
          assertThat(e.getMessage()).doesNotContain("\u001b", "\n");
          assertThat(e.getMessage().length()).isLessThan(600);
        });
  }
}
