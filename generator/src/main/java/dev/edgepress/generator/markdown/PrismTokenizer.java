package dev.edgepress.generator.markdown;

import io.noties.prism4j.Prism4j;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Prism's tokenizing loop over Prism4j's grammars (the same algorithm as {@code
 * Prism4j.tokenize}), with one change: every character a pattern reads is counted, and past a
 * budget proportional to the code's length the work stops with {@link Exhausted}. Prism's patterns
 * backtrack, and some (an unclosed HTML attribute, a CSS selector without its brace) take time
 * that grows with the square of the input or worse; counting reads, not time, keeps the outcome
 * the same on every machine. Moving the list's entries to make room for tokens counts too (a
 * thirty-second of a read per entry moved: moving memory is that much cheaper). Not thread-safe: one per call.
 */
final class PrismTokenizer {

  /** A piece of code: plain text, or a token with its type, alias and parts. */
  sealed interface Node permits Text, Token {
    int length();
  }

  record Text(String text) implements Node {
    @Override
    public int length() {
      return text.length();
    }
  }

  record Token(String type, String alias, List<Node> children, int length, boolean greedy) implements Node {}

  /** The budget ran out. */
  static final class Exhausted extends RuntimeException {
    Exhausted() {
      super("too much work", null, false, false);
    }
  }

  private final long budget;
  private final java.util.Map<Prism4j.Pattern, Prepared> prepared;
  private final java.util.Map<java.util.regex.Pattern, Matcher> matchers = new java.util.IdentityHashMap<>();
  private long reads;

  /**
   * @param budget how many characters the patterns may read in all
   * @param prepared by pattern, what a match can start with and a faster equivalent regex (a
   *     pattern not there is run as it is, everywhere)
   */
  PrismTokenizer(long budget, java.util.Map<Prism4j.Pattern, Prepared> prepared) {
    this.budget = budget;
    this.prepared = prepared;
  }

  /** What is known of a pattern before tokenizing: its first characters (or null) and its regex. */
  record Prepared(FirstChars first, java.util.regex.Pattern regex, java.util.Set<String> words) {}

  /** A matcher of the pattern over the text, reused within a block (a matcher costs arrays to make). */
  private Matcher matcher(java.util.regex.Pattern regex, String text) {
    Matcher m = matchers.get(regex);
    if (m == null) {
      m = regex.matcher(new Counted(text));
      matchers.put(regex, m);
      return m;
    }
    return m.reset(new Counted(text));
  }

  long reads() {
    return reads;
  }

  List<Node> tokenize(String text, Prism4j.Grammar grammar) {
    List<Node> entries = new ArrayList<>();
    entries.add(new Text(text));
    match(text, entries, grammar, 0, 0, false, null);
    return entries;
  }

  private void match(String text, List<Node> entries, Prism4j.Grammar grammar, int index, int startPosition,
      boolean oneShot, Prism4j.Token target) {
    int textLength = text.length();
    for (Prism4j.Token token : grammar.tokens()) {
      if (token == target) {
        return;
      }
      for (Prism4j.Pattern pattern : token.patterns()) {
        Prepared known = prepared.get(pattern);
        FirstChars first = known == null ? null : known.first();
        boolean lookbehind = pattern.lookbehind();
        boolean greedy = pattern.greedy();
        java.util.regex.Pattern regex = known == null ? pattern.regex() : known.regex();
        for (int i = index, position = startPosition; i < entries.size(); position += entries.get(i).length(), ++i) {
          if (entries.size() > textLength) {
            throw new IllegalStateException("more tokens than characters");
          }
          if (!(entries.get(i) instanceof Text node)) {
            continue;
          }
          String str = node.text();
          Matcher matcher;
          int deleteCount;
          int greedyAdd = 0;
          if (greedy && i != entries.size() - 1) {
            // A greedy pattern may match across the tokens found so far: match it on the whole text.
            matcher = matcher(regex, text);
            matcher.useTransparentBounds(false).useAnchoringBounds(true);
            matcher.region(position, textLength);
            if (!matcher.find()) {
              break;
            }
            int from = matcher.start() + (lookbehind ? matcher.group(1).length() : 0);
            int to = matcher.end();
            int k = i;
            int p = position;
            for (int len = entries.size(); k < len
                && (p < to || (!(entries.get(k) instanceof Token) && !greedyToken(entries.get(k - 1)))); ++k) {
              p += entries.get(k).length();
              if (from >= p) {
                i += 1;
                position = p;
              }
            }
            if (entries.get(i) instanceof Token) {
              continue;
            }
            deleteCount = k - i;
            str = text.substring(position, p);
            greedyAdd = -position;
          } else {
            int candidate = first == null ? 0 : first.next(str, 0);
            if (candidate < 0) {
              // No character a match could start with: the pattern cannot match here.
              if (oneShot) {
                break;
              }
              continue;
            }
            matcher = matcher(regex, str);
            deleteCount = 1;
            if (!find(matcher, str, first, candidate, known == null ? null : known.words())) {
              if (oneShot) {
                break;
              }
              continue;
            }
          }
          int lookbehindLength = 0;
          if (lookbehind) {
            String group = matcher.group(1);
            lookbehindLength = group == null ? 0 : group.length();
          }
          int from = matcher.start() + greedyAdd + lookbehindLength;
          String match = matcher.group().substring(lookbehindLength);
          int to = from + match.length();
          // Inserting and removing in the middle of the list moves what follows: that is work too.
          charge((long) (entries.size() - i) * (deleteCount + 3) / 32);
          for (int d = 0; d < deleteCount; d++) {
            entries.remove(i);
          }
          int at = i;
          if (from != 0) {
            String before = str.substring(0, from);
            i += 1;
            position += before.length();
            entries.add(at++, new Text(before));
          }
          Prism4j.Grammar inside = pattern.inside();
          List<Node> children = inside != null ? tokenize(match, inside) : List.of(new Text(match));
          entries.add(at++, new Token(token.name(), pattern.alias(), children, match.length(), greedy));
          if (to < str.length()) {
            entries.add(at, new Text(str.substring(to)));
          }
          if (deleteCount != 1) {
            match(text, entries, grammar, i, position, true, token);
          }
          if (oneShot) {
            break;
          }
        }
      }
    }
  }

  /**
   * Finds the leftmost match in {@code str}, as {@code matcher.find()} would; where the pattern's
   * first characters are known, only at the indexes where one stands (or one before, for a
   * one-character context): each is tried with {@code lookingAt()}, seeing the text around it.
   */
  private static boolean find(Matcher matcher, String str, FirstChars first, int candidate,
      java.util.Set<String> words) {
    if (first == null) {
      return matcher.find();
    }
    matcher.useTransparentBounds(true).useAnchoringBounds(false);
    if (words != null) {
      // A list of words: look each word of the text up, and run the pattern on the one found.
      for (int p = candidate; p >= 0; p = first.next(str, p + 1)) {
        int end = FirstChars.wordEnd(str, p);
        if (words.contains(str.substring(p, end))) {
          matcher.region(p, str.length());
          if (matcher.lookingAt()) {
            return true;
          }
        }
      }
      return false;
    }
    int tried = -1;
    for (int p = candidate; p >= 0; p = first.next(str, p + 1)) {
      // Starts are tried in increasing order, each once: the first to match is find()'s.
      for (int start = first.oneCharBefore() ? Math.max(p - 1, tried + 1) : p; start <= p; start++) {
        matcher.region(start, str.length());
        if (matcher.lookingAt()) {
          return true;
        }
      }
      tried = p;
    }
    return false;
  }

  private void charge(long work) {
    reads += work;
    if (reads > budget) {
      throw new Exhausted();
    }
  }

  private static boolean greedyToken(Node node) {
    return node instanceof Token t && t.greedy();
  }

  /** The text as the patterns see it: each character read is counted against the budget. */
  private final class Counted implements CharSequence {
    private final String s;

    Counted(String s) {
      this.s = s;
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public char charAt(int index) {
      if (++reads > budget) {
        throw new Exhausted();
      }
      return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return s.substring(start, end);
    }

    @Override
    public String toString() {
      return s;
    }
  }
}
