package dev.edgepress.generator.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One snippet per language: the tokens a reader sees coloured are in the spans they belong to. */
class HighlighterTest {

  private static final Highlighter H = Highlighter.shared();

  record Case(String language, String code, Map<String, String> tokens) {
    @Override
    public String toString() {
      return language;
    }
  }

  /** Each language (or alias) with a snippet and some of its tokens: text to the span class holding it. */
  static List<Case> cases() {
    return List.of(
        new Case("java", "public class A {\n  // hi\n  String s = \"x\";\n  @Override int n = 42;\n}",
            Map.of("public", "keyword", "\"x\"", "string", "// hi", "comment", "42", "number", "@Override", "annotation punctuation")),
        new Case("kotlin", "fun main() {\n  val s = \"hi\"\n}", Map.of("fun", "keyword", "val", "keyword", "\"hi\"", "string")),
        new Case("kt", "val x = 1", Map.of("val", "keyword", "1", "number")),
        new Case("xml", "<project a=\"1\"><!-- c --></project>",
            Map.of("<project", "tag", "a", "attr-name", "<!-- c -->", "comment")),
        new Case("html", "<p class=\"x\">Hi &amp; bye</p>", Map.of("class", "attr-name", "&amp;", "entity")),
        new Case("css", "pre { color: red; } /* c */", Map.of("pre", "selector", "color", "property", "/* c */", "comment")),
        new Case("javascript", "const f = (a) => 'x'; // c", Map.of("const", "keyword", "'x'", "string", "// c", "comment")),
        new Case("js", "let n = 3;", Map.of("let", "keyword", "3", "number")),
        new Case("typescript", "interface A { n: number }\ntype B = string;",
            Map.of("interface", "keyword", "type", "keyword", "number", "builtin", "string", "builtin")),
        new Case("ts", "let a: any = 'q';", Map.of("any", "builtin", "'q'", "string")),
        new Case("json", "{\"a\": 1, \"b\": \"c\", \"d\": true, \"e\": null}",
            Map.of("\"a\"", "property", "\"c\"", "string", "1", "number", "true", "boolean", "null", "null")),
        new Case("yaml", "title: My Site\n# c\nlist:\n  - 3\n", Map.of("title", "key atrule", "# c", "comment")),
        new Case("yml", "a: true\n", Map.of("a", "key atrule")),
        new Case("properties", "# comment\nname = value\nother: thing\n",
            Map.of("# comment", "comment", "name", "attr-name", "value", "attr-value", "other", "attr-name", "thing", "attr-value")),
        new Case("bash", "# say hi\nif [ -n \"$HOME\" ]; then echo 'hi'; fi\nexport A=$B",
            Map.of("# say hi", "comment", "if", "keyword", "then", "keyword", "echo", "function", "'hi'", "string", "$HOME", "variable", "$B", "variable")),
        new Case("sh", "mvn -B verify && ls", Map.of("mvn", "function")),
        new Case("shell", "cd /tmp # go", Map.of("cd", "function", "# go", "comment")),
        new Case("sql", "SELECT name FROM users WHERE id = 'x'; -- c",
            Map.of("SELECT", "keyword", "FROM", "keyword", "'x'", "string", "-- c", "comment")),
        new Case("python", "def f(x):\n    return \"s\"  # c\n", Map.of("def", "keyword", "f", "function", "\"s\"", "string", "# c", "comment")),
        new Case("py", "import os\nTrue", Map.of("import", "keyword", "True", "boolean")),
        new Case("go", "package main\nfunc main() { s := \"x\" }", Map.of("package", "keyword", "func", "keyword", "\"x\"", "string")),
        new Case("golang", "var n int = 1", Map.of("var", "keyword", "int", "builtin")),
        new Case("diff", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same\n",
            Map.of("-old", "deleted", "+new", "inserted", "@@ -1 +1 @@", "coord", "--- a/x", "coord")),
        new Case("markdown", "# Title\n\nSome **bold** and `code`.\n", Map.of("**bold**", "bold", "`code`", "code keyword")),
        new Case("md", "- item\n**bold**\n", Map.of("**bold**", "bold")),
        new Case("dockerfile", "# base\nFROM eclipse-temurin:17 AS build\nRUN echo \"hi\"\nENV A=${B}\n",
            Map.of("FROM", "keyword", "RUN", "keyword", "AS", "keyword", "# base", "comment", "\"hi\"", "string", "${B}", "variable")),
        new Case("docker", "COPY a b", Map.of("COPY", "keyword")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void eachLanguageMarksItsTokens(Case c) throws Exception {
    String html = H.highlight(c.code(), c.language()).orElseThrow();
    c.tokens().forEach((text, type) ->
        assertThat(spans(html, type)).as("'%s' spans in %s", type, html).contains(text));
    assertThat(textOf(html)).as("the text is the code, escaped").isEqualTo(escape(c.code()));
  }

  /** Ordinary code, even a block at the size limit, stays far from the work budget, so it is never shown plain for that. */
  @ParameterizedTest
  @MethodSource("cases")
  void ordinaryCodeUsesLittleOfTheBudget(Case c) {
    String code = (c.code() + "\n").repeat(Highlighter.MAX_CHARS / (c.code().length() + 1));
    long reads = H.reads(code, c.language());
    long budget = Highlighter.BUDGET_BASE + Highlighter.BUDGET_PER_CHAR * code.length();
    assertThat(reads).as("reads for %d characters", code.length()).isLessThan(budget / 4);
  }

  /**
   * The shortcuts (patterns tried only where their first characters stand, keyword lists as
   * trees) change nothing: the HTML is Prism4j's own, for every snippet and every language.
   */
  @Test
  void theShortcutsGiveWhatPrism4jGives() throws Exception {
    List<String> codes = new java.util.ArrayList<>();
    cases().forEach(c -> codes.add(c.code()));
    codes.add("a.b(c) // x\n/* y */ \"s\\\"t\" 'c' @A x<y> 0x1F 1.5e3 .5 do double done doing x=>y `t${a}` /re/g");
    codes.add("<div style=\"color:red\" onclick='x'><!-- c --><script>if(a<b){}</script></div>&amp; ${V} $(cmd)");
    codes.add("SELECT `a`, @v FROM t -- c\n#c\nkey: [1, 'two', \"three\"] # c\n- a: b\n  c: |\n    text\n");
    for (String code : List.copyOf(codes)) {
      codes.add(code.repeat(3));
      codes.add(new StringBuilder(code).reverse().toString());
    }
    for (String language : H.languages()) {
      for (String code : codes) {
        assertThat(H.highlight(code, language).orElseThrow()).as("%s: %s", language, code)
            .isEqualTo(H.reference(code, language));
      }
    }
  }

  @Test
  void everyLanguageTheBriefNamesIsKnown() {
    for (String language : List.of("java", "kotlin", "xml", "html", "css", "javascript", "typescript", "json", "yaml",
        "properties", "bash", "shell", "sh", "sql", "python", "go", "diff", "markdown", "dockerfile", "js", "ts", "yml",
        "py", "golang", "md", "JAVA")) {
      assertThat(H.knows(language)).as(language).isTrue();
    }
    assertThat(H.knows("brainfuck")).isFalse();
    assertThat(H.knows("")).isFalse();
  }

  @Test
  void anUnknownLanguageIsNotHighlighted() throws Exception {
    assertThat(H.highlight("<b>", "cobol")).isEmpty();
  }

  @Test
  void htmlCharactersInCodeStayEscaped() throws Exception {
    String html = H.highlight("if (a < b && c > \"d\") {}", "java").orElseThrow();
    assertThat(html).contains("&lt;").contains("&amp;&amp;").contains("&gt;").contains("&quot;d&quot;")
        .doesNotContain("< b").doesNotContain("&& ").doesNotContain("\"d\"");
  }

  @Test
  void theSameCodeGivesTheSameHtml() throws Exception {
    String code = "<style>p{color:red}</style><script>let a = 1;</script><p>x</p>";
    String first = H.highlight(code, "html").orElseThrow();
    assertThat(first).contains("<span class=\"f\">color</span>").contains("<span class=\"k\">let</span>");
    for (int i = 0; i < 3; i++) {
      assertThat(H.highlight(code, "html").orElseThrow()).isEqualTo(first);
    }
  }

  @Test
  void aBlockOverTheLimitIsRefusedAtOnce() {
    String big = "int x = 1;\n".repeat(1024 * 1024 / 11 + 1);
    long start = System.nanoTime();
    assertThatThrownBy(() -> H.highlight(big, "java")).isInstanceOf(Highlighter.Unhighlightable.class)
        .hasMessageContaining("characters long");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  /**
   * Inputs just under the limit that make backtracking patterns work hardest (unclosed strings,
   * comments and tags) still finish quickly in every language, or fail cleanly.
   */
  @Test
  void adversarialBlocksUnderTheLimitFinishQuickly() {
    Map<String, Duration> slow = new java.util.TreeMap<>();
    Duration worst = Duration.ZERO;
    String worstCase = "";
    // The fillers that took longest when this test had more (', `, a\, #, -, **, a: 'b, @@ too).
    List<String> fillers = List.of("\"", "<a title=\"", "/*", "{{", "$(", "<!--", "x = \"y\n");
    for (String language : H.languages()) {
      for (String filler : fillers) {
        String code = filler.repeat((Highlighter.MAX_CHARS - 10) / filler.length());
        long start = System.nanoTime();
        try {
          H.highlight(code, language);
        } catch (Highlighter.Unhighlightable e) {
          // shown plain: fine
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (took.compareTo(worst) > 0) {
          worst = took;
          worstCase = language + " with " + filler.replace("\n", "\\n");
        }
        if (took.compareTo(Duration.ofSeconds(5)) > 0) {
          slow.put(language + " with " + filler.replace("\n", "\\n"), took);
        }
      }
    }
    System.out.println("Slowest adversarial block: " + worstCase + ", " + worst.toMillis() + " ms");
    assertThat(slow).isEmpty();
  }

  /** The text (unescaped, inner tags removed) of each span of the class that Prism's TYPE gets. */
  static List<String> spans(String html, String type) {
    List<String> out = new java.util.ArrayList<>();
    String[] typeAndAlias = type.split(" ");
    String open = "<span class=\"" + Highlighter.classOf(typeAndAlias[0], typeAndAlias.length > 1 ? typeAndAlias[1] : null)
        + "\">";
    for (int at = html.indexOf(open); at >= 0; at = html.indexOf(open, at + 1)) {
      int depth = 0;
      int i = at;
      Matcher m = Pattern.compile("<span[^>]*>|</span>").matcher(html);
      int end = -1;
      while (m.find(i)) {
        depth += m.group().startsWith("</") ? -1 : 1;
        i = m.end();
        if (depth == 0) {
          end = m.start();
          break;
        }
      }
      out.add(unescape(textOf(html.substring(at + open.length(), end))));
    }
    return out;
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
  }

  private static String textOf(String html) {
    return html.replaceAll("<[^>]*>", "");
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    Highlighter.escape(out, s);
    return out.toString();
  }
}
