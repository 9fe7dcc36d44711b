package dev.edgepress.generator.markdown;

import io.noties.prism4j.Prism4j;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Highlights code at build time with Prism4j's grammars: each coloured token becomes a {@code
 * <span class="k">} of one of a dozen one-letter classes ({@link #CLASSES}, short like Hugo's
 * Chroma classes, since a code block's markup easily outweighs its text), the text between stays
 * escaped, and no script or inline style is involved. One instance serves every thread: all grammars are made
 * once, in a fixed order (some grammars add themselves to others, e.g. CSS and JavaScript to
 * HTML), and only read afterwards, so the output depends on the input alone.
 */
public final class Highlighter {

  /**
   * Blocks longer than this stay plain: Prism's algorithm splits a list of tokens in place, so time
   * grows faster than the size. Blog code blocks are a few kilobytes.
   */
  public static final int MAX_CHARS = 30_000;

  /**
   * How many characters the patterns may read per character of code (plus {@link #BUDGET_BASE})
   * before the block is given up as too costly: ordinary code needs under a quarter of it.
   */
  static final long BUDGET_PER_CHAR = 1_000;

  static final long BUDGET_BASE = 2_000_000;

  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("xml", "markup"), Map.entry("html", "markup"), Map.entry("xhtml", "markup"),
      Map.entry("svg", "markup"), Map.entry("mathml", "markup"), Map.entry("pom", "markup"),
      Map.entry("js", "javascript"), Map.entry("mjs", "javascript"), Map.entry("cjs", "javascript"),
      Map.entry("jsx", "javascript"), Map.entry("ts", "typescript"), Map.entry("tsx", "typescript"),
      Map.entry("kt", "kotlin"), Map.entry("kts", "kotlin"), Map.entry("gradle", "groovy"),
      Map.entry("sh", "bash"), Map.entry("shell", "bash"), Map.entry("zsh", "bash"),
      Map.entry("console", "bash"), Map.entry("shellsession", "bash"),
      Map.entry("yml", "yaml"), Map.entry("py", "python"), Map.entry("python3", "python"),
      Map.entry("golang", "go"), Map.entry("md", "markdown"), Map.entry("patch", "diff"),
      Map.entry("docker", "dockerfile"), Map.entry("jsonc", "json"), Map.entry("json5", "json"),
      Map.entry("c++", "cpp"), Map.entry("cs", "csharp"), Map.entry("c#", "csharp"),
      Map.entry("make", "makefile"), Map.entry("mk", "makefile"));

  /** Grammars in the order they must be made: markup first, then what modifies it. */
  private static final List<String> PRISM_ORDER = List.of(
      "clike", "markup", "css", "javascript", "java", "kotlin", "groovy", "scala", "c", "cpp", "csharp",
      "swift", "go", "python", "json", "yaml", "sql", "markdown", "makefile", "git");

  /**
   * The class of each Prism token type (or alias) that gets a colour: {@code c} comment, {@code k}
   * keyword, {@code s} string, {@code n} number or constant, {@code f} function, class or property,
   * {@code t} tag or annotation, {@code a} attribute name or key, {@code v} variable, {@code b}
   * builtin, {@code d} deleted line; {@code st} bold and {@code em} italic (Markdown). Any other
   * token (punctuation, operators, a whole embedded script) gets no span and shows in the text's
   * colour: a span around every {@code =} and {@code (} would double a block's bytes.
   */
  static final Map<String, String> CLASSES = Map.ofEntries(
      Map.entry("comment", "c"), Map.entry("prolog", "c"), Map.entry("doctype", "c"), Map.entry("cdata", "c"),
      Map.entry("keyword", "k"), Map.entry("atrule", "k"), Map.entry("important", "k"), Map.entry("rule", "k"),
      Map.entry("selector", "k"),
      Map.entry("string", "s"), Map.entry("char", "s"), Map.entry("attr-value", "s"), Map.entry("regex", "s"),
      Map.entry("url", "s"), Map.entry("inserted", "s"),
      Map.entry("number", "n"), Map.entry("boolean", "n"), Map.entry("constant", "n"), Map.entry("null", "n"),
      Map.entry("symbol", "n"), Map.entry("entity", "n"), Map.entry("coord", "n"),
      Map.entry("function", "f"), Map.entry("class-name", "f"), Map.entry("property", "f"), Map.entry("title", "f"),
      Map.entry("tag", "t"), Map.entry("annotation", "t"), Map.entry("namespace", "t"),
      Map.entry("attr-name", "a"), Map.entry("key", "a"),
      Map.entry("deleted", "d"),
      Map.entry("variable", "v"), Map.entry("interpolation", "v"),
      Map.entry("builtin", "b"), Map.entry("generics", "b"),
      Map.entry("bold", "st"), Map.entry("italic", "em"));

  /** The class of a token, by its type and else its alias; null for a token shown as plain text. */
  static String classOf(String type, String alias) {
    String c = CLASSES.get(type);
    return c != null || alias == null ? c : CLASSES.get(alias);
  }

  private static final class Shared {
    static final Highlighter INSTANCE = new Highlighter();
  }

  private final Prism4j prism;
  private final Map<String, Prism4j.Grammar> grammars;
  /** What each pattern's matches can start with, and a faster equivalent regex, where known. */
  private final Map<Prism4j.Pattern, PrismTokenizer.Prepared> prepared;

  private Highlighter() {
    prism = new Prism4j(new PrismGrammarLocator());
    Map<String, Prism4j.Grammar> g = new HashMap<>();
    for (String name : PRISM_ORDER) {
      g.put(name, prism.grammar(name));
    }
    g.put("typescript", ExtraGrammars.typescript(g.get("javascript")));
    g.put("bash", ExtraGrammars.bash());
    g.put("properties", ExtraGrammars.properties());
    g.put("diff", ExtraGrammars.diff());
    g.put("dockerfile", ExtraGrammars.dockerfile());
    g.remove("clike"); // a base for others, not a language
    grammars = Map.copyOf(g);
    Map<Prism4j.Pattern, PrismTokenizer.Prepared> first = new java.util.IdentityHashMap<>();
    java.util.Set<Prism4j.Grammar> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (String name : new TreeSet<>(grammars.keySet())) {
      collectFirstChars(grammars.get(name), first, seen);
    }
    prepared = java.util.Collections.unmodifiableMap(first);
  }

  private static void collectFirstChars(Prism4j.Grammar grammar, Map<Prism4j.Pattern, PrismTokenizer.Prepared> out,
      java.util.Set<Prism4j.Grammar> seen) {
    if (grammar == null || !seen.add(grammar)) {
      return;
    }
    for (Prism4j.Token token : grammar.tokens()) {
      for (Prism4j.Pattern pattern : token.patterns()) {
        FirstChars f = FirstChars.of(pattern.regex(), pattern.lookbehind());
        java.util.regex.Pattern tree = FirstChars.wordTree(pattern.regex());
        if (f != null || tree != null) {
          out.put(pattern, new PrismTokenizer.Prepared(f, tree != null ? tree : pattern.regex(),
              f == null ? null : FirstChars.wordList(pattern.regex())));
        }
        collectFirstChars(pattern.inside(), out, seen);
      }
    }
  }

  /** The one highlighter, made on first use. */
  public static Highlighter shared() {
    return Shared.INSTANCE;
  }

  /** The names (not aliases) of the languages highlighted. */
  public Set<String> languages() {
    return new TreeSet<>(grammars.keySet());
  }

  /** Whether code in {@code language} (a name or alias, any case, as on a fence) is highlighted. */
  public boolean knows(String language) {
    return grammar(language) != null;
  }

  private Prism4j.Grammar grammar(String language) {
    if (language == null || language.isEmpty()) {
      return null;
    }
    String name = language.toLowerCase(Locale.ROOT);
    return grammars.get(ALIASES.getOrDefault(name, name));
  }

  /**
   * The code as HTML with its tokens in spans; empty when the language is not known.
   *
   * @throws Unhighlightable when the block is too big, or the grammar failed on it (e.g. a
   *     pattern recursed too deep): the caller shows it plain
   */
  public Optional<String> highlight(String code, String language) throws Unhighlightable {
    Prism4j.Grammar grammar = grammar(language);
    if (grammar == null) {
      return Optional.empty();
    }
    if (code.length() > MAX_CHARS) {
      throw new Unhighlightable("is " + code.length() + " characters long, more than the " + MAX_CHARS
          + " that are highlighted");
    }
    try {
      PrismTokenizer tokenizer = new PrismTokenizer(BUDGET_BASE + BUDGET_PER_CHAR * code.length(), prepared);
      List<PrismTokenizer.Node> nodes = tokenizer.tokenize(code, grammar);
      StringBuilder out = new StringBuilder(code.length() + code.length() / 2);
      append(out, nodes);
      return Optional.of(out.toString());
    } catch (PrismTokenizer.Exhausted e) {
      throw new Unhighlightable("takes the " + grammar.name() + " grammar too much work (its patterns backtrack"
          + " on this text)");
    } catch (StackOverflowError e) {
      throw new Unhighlightable("made the " + grammar.name() + " grammar recurse too deep");
    } catch (RuntimeException e) {
      throw new Unhighlightable("made the " + grammar.name() + " grammar fail (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The HTML Prism4j's own tokenizer gives, without our shortcuts (for tests). */
  String reference(String code, String language) {
    StringBuilder out = new StringBuilder();
    appendPrism(out, prism.tokenize(code, grammar(language)));
    return out.toString();
  }

  private static void appendPrism(StringBuilder out, List<? extends Prism4j.Node> nodes) {
    for (Prism4j.Node node : nodes) {
      if (node instanceof Prism4j.Syntax syntax) {
        String c = classOf(syntax.type(), syntax.alias());
        if (c != null) {
          out.append("<span class=\"").append(c).append("\">");
        }
        appendPrism(out, syntax.children());
        if (c != null) {
          out.append("</span>");
        }
      } else {
        escape(out, ((Prism4j.Text) node).literal());
      }
    }
  }

  /** How many characters the patterns read to highlight the code (for tests). */
  long reads(String code, String language) {
    PrismTokenizer tokenizer = new PrismTokenizer(Long.MAX_VALUE, prepared);
    tokenizer.tokenize(code, grammar(language));
    return tokenizer.reads();
  }

  private static void append(StringBuilder out, List<PrismTokenizer.Node> nodes) {
    for (PrismTokenizer.Node node : nodes) {
      if (node instanceof PrismTokenizer.Token token) {
        String c = classOf(token.type(), token.alias());
        if (c != null) {
          out.append("<span class=\"").append(c).append("\">");
        }
        append(out, token.children());
        if (c != null) {
          out.append("</span>");
        }
      } else {
        escape(out, ((PrismTokenizer.Text) node).text());
      }
    }
  }

  /** The same escaping commonmark gives code: {@code & < > "}. */
  static void escape(StringBuilder out, String s) {
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      String rep;
      switch (s.charAt(i)) {
        case '&' -> rep = "&amp;";
        case '<' -> rep = "&lt;";
        case '>' -> rep = "&gt;";
        case '"' -> rep = "&quot;";
        default -> {
          continue;
        }
      }
      out.append(s, from, i).append(rep);
      from = i + 1;
    }
    out.append(s, from, s.length());
  }

  /** A block that is shown plain: why, in words that follow "the code block ...". */
  public static final class Unhighlightable extends Exception {
    public Unhighlightable(String message) {
      super(message, null, false, false);
    }
  }
}
