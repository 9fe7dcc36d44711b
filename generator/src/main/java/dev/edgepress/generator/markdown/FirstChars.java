package dev.edgepress.generator.markdown;

import java.util.BitSet;
import java.util.regex.Pattern;

/**
 * The characters a match of a pattern can start with, read from the pattern's source for the
 * simple shapes Prism's grammars use (a literal, a class, a group of alternatives, after {@code \b}
 * or {@code ^}); null when the shape is not understood. The tokenizer tries a pattern only where
 * one of them stands (at a word's start, for a pattern that starts with {@code \b} and a word
 * character), and not at all in a text holding none: most text left between tokens is short.
 */
final class FirstChars {

  /** Characters from 128 up are not tracked: a text holding any may match. */
  private final long low;
  private final long high;

  /** Every alternative starts with \b then a word character: matches start where words do. */
  private final boolean wordStart;

  /**
   * The pattern starts with one class repeated ({@code [a-z]+...}): a match starting inside a run
   * of the class's characters implies one starting where the run does, which find() would take.
   */
  private final boolean runStart;

  /**
   * The pattern's context before the match is {@code (^|[...])}: at most one character, so a match
   * whose own text starts at a candidate index starts there or one before.
   */
  private final boolean oneCharBefore;

  private FirstChars(BitSet ascii, boolean wordStart, boolean runStart, boolean oneCharBefore) {
    long[] words = ascii.toLongArray();
    this.low = words.length > 0 ? words[0] : 0;
    this.high = words.length > 1 ? words[1] : 0;
    this.wordStart = wordStart;
    this.runStart = runStart;
    this.oneCharBefore = oneCharBefore;
  }

  boolean oneCharBefore() {
    return oneCharBefore;
  }

  /**
   * The first index from {@code from} on where a match could start, or -1: a character of the set
   * (any from 128 up), at the start of a word when every alternative starts with \b.
   */
  int next(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (may(c) && (!wordStart || i == 0 || !isWord(text.charAt(i - 1)))
          && (!runStart || i == 0 || !inSet(text.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  /** In the set, or from 128 up. */
  private boolean may(char c) {
    return c < 64 ? (low >>> c & 1) != 0 : c < 128 ? (high >>> (c - 64) & 1) != 0 : true;
  }

  /** Surely in the set (characters from 128 up are not tracked, so not surely). */
  private boolean inSet(char c) {
    return c < 128 && may(c);
  }

  /** As java.util.regex's \b sees a word character. */
  private static boolean isWord(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private static final Pattern ONE_CHAR_CONTEXT = Pattern.compile("\\(\\^\\|\\[[^\\]]*\\]\\).*", Pattern.DOTALL);

  /**
   * @param lookbehind the pattern's first group is context before the match: when it is {@code
   *     (^|[...])} the characters are those after it ({@link #oneCharBefore()}), else those of the
   *     whole pattern, context included (where java.util.regex's match starts)
   */
  static FirstChars of(Pattern pattern, boolean lookbehind) {
    String src = pattern.pattern();
    int at = 0;
    boolean oneCharBefore = lookbehind && ONE_CHAR_CONTEXT.matcher(src).matches();
    if (oneCharBefore) {
      at = skipGroup(src, 0);
      if (at < 0 || at < src.length() && "?*+{".indexOf(src.charAt(at)) >= 0) {
        return null;
      }
    }
    BitSet set = new BitSet(128);
    boolean[] wordStart = {true};
    if (!first(src, at, src.length(), set, wordStart)) {
      return null;
    }
    if ((pattern.flags() & Pattern.CASE_INSENSITIVE) != 0) {
      for (char c = 'a'; c <= 'z'; c++) {
        if (set.get(c) || set.get(Character.toUpperCase(c))) {
          set.set(c);
          set.set(Character.toUpperCase(c));
        }
      }
    }
    // One alternative whose first atom is a class followed by '+'.
    boolean runStart = !lookbehind && topLevelAlternatives(src) == 1 && leadingRepeated(src);
    return new FirstChars(set, wordStart[0] && !set.isEmpty(), runStart, oneCharBefore);
  }

  private static boolean leadingRepeated(String src) {
    if (src.startsWith("[")) {
      int end = skipClass(src, 0);
      return end > 0 && end < src.length() && src.charAt(end) == '+'
          && (end + 1 >= src.length() || "+?".indexOf(src.charAt(end + 1)) < 0);
    }
    return false;
  }

  private static int topLevelAlternatives(String src) {
    int depth = 0;
    int n = 1;
    for (int i = 0; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = skipClass(src, i) - 1;
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        n++;
      }
    }
    return n;
  }

  private static final Pattern WORD_LIST = Pattern.compile(
      "(\\((?:\\^\\|)?\\[[^\\]]*\\]\\))?\\\\b\\(\\?:([A-Za-z0-9_]+(?:\\|[A-Za-z0-9_]+)+)\\)\\\\b(.*)", Pattern.DOTALL);

  /**
   * The same pattern with a list of words between \b and \b ({@code \b(?:abstract|assert|...)\b})
   * written as a tree ({@code \b(?:a(?:bstract|ssert)|...)\b}): java.util.regex tries
   * alternatives one by one, a tree one letter at a time. Only one word of a list can end at a
   * word boundary where another starts, so the matches are the same. Null for another shape.
   */
  /**
   * The words of a pattern that is a list of words and nothing else ({@code \b(?:if|for|...)\b},
   * case-sensitive): a match is a whole word of the text that is in the list. Null otherwise.
   */
  static java.util.Set<String> wordList(Pattern pattern) {
    java.util.regex.Matcher m = WORD_LIST.matcher(pattern.pattern());
    if (!m.matches() || m.group(1) != null || !m.group(3).isEmpty() || pattern.flags() != 0) {
      return null;
    }
    return java.util.Set.of(m.group(2).split("\\|"));
  }

  /** The end of the word starting at {@code from}, as \b sees words. */
  static int wordEnd(String text, int from) {
    int i = from;
    while (i < text.length() && isWord(text.charAt(i))) {
      i++;
    }
    return i;
  }

  static Pattern wordTree(Pattern pattern) {
    java.util.regex.Matcher m = WORD_LIST.matcher(pattern.pattern());
    if (!m.matches()) {
      return null;
    }
    java.util.TreeSet<String> words = new java.util.TreeSet<>(java.util.List.of(m.group(2).split("\\|")));
    String prefix = m.group(1) == null ? "" : m.group(1);
    return Pattern.compile(prefix + "\\b(?:" + tree(words, 0) + ")\\b" + m.group(3), pattern.flags());
  }

  /** The words (sorted, sharing their first {@code depth} letters) as nested alternatives. */
  private static String tree(java.util.SortedSet<String> words, int depth) {
    StringBuilder out = new StringBuilder();
    boolean empty = false;
    java.util.Map<Character, java.util.SortedSet<String>> byLetter = new java.util.TreeMap<>();
    for (String w : words) {
      if (w.length() == depth) {
        empty = true;
      } else {
        byLetter.computeIfAbsent(w.charAt(depth), k -> new java.util.TreeSet<>()).add(w);
      }
    }
    for (java.util.Map.Entry<Character, java.util.SortedSet<String>> e : byLetter.entrySet()) {
      if (out.length() > 0) {
        out.append('|');
      }
      java.util.SortedSet<String> group = e.getValue();
      if (group.size() == 1) {
        out.append(group.first().substring(depth));
      } else {
        out.append(e.getKey()).append("(?:").append(tree(group, depth + 1)).append(')');
      }
    }
    return empty ? "(?:" + out + ")?" : out.toString();
  }

  /** Adds the first characters of src[from, to) (alternatives at top level included); false when unknown. */
  private static boolean first(String src, int from, int to, BitSet set, boolean[] wordStart) {
    int depth = 0;
    int start = from;
    for (int i = from; i < to; i++) {
      char c = src.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = skipClass(src, i) - 1;
        if (i < 0) {
          return false;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        if (!firstOfSequence(src, start, i, set, wordStart)) {
          return false;
        }
        start = i + 1;
      }
    }
    return firstOfSequence(src, start, to, set, wordStart);
  }

  /** The first characters of one alternative: its first atom, after zero-width \b and ^. */
  private static boolean firstOfSequence(String src, int from, int to, BitSet set, boolean[] wordStart) {
    int i = from;
    boolean bounded = false;
    while (i < to && (src.startsWith("\\b", i) || src.startsWith("\\B", i) || src.charAt(i) == '^')) {
      bounded |= src.startsWith("\\b", i);
      i += src.charAt(i) == '^' ? 1 : 2;
    }
    if (i >= to) {
      return false;
    }
    BitSet mine = new BitSet(128);
    if (!firstAtom(src, i, to, mine, wordStart)) {
      return false;
    }
    if (!bounded || mine.get(0, 128).stream().anyMatch(c -> !isWord((char) c))) {
      wordStart[0] = false;
    }
    set.or(mine);
    return true;
  }

  private static boolean firstAtom(String src, int i, int to, BitSet set, boolean[] wordStart) {
    int end;
    char c = src.charAt(i);
    if (c == '(') {
      if (src.startsWith("(?", i) && !src.startsWith("(?:", i)) {
        return false; // a lookaround or flags
      }
      end = skipGroup(src, i);
      boolean[] inner = {true};
      if (end < 0 || !first(src, i + (src.startsWith("(?:", i) ? 3 : 1), end - 1, set, inner)) {
        return false;
      }
    } else if (c == '[') {
      end = skipClass(src, i);
      if (end < 0 || !classChars(src, i + 1, end - 1, set)) {
        return false;
      }
    } else if (c == '\\') {
      if (i + 1 >= to) {
        return false;
      }
      char e = src.charAt(i + 1);
      if (!addEscape(e, set)) {
        return false;
      }
      end = i + 2;
    } else if (".$)|*+?{".indexOf(c) >= 0) {
      return false;
    } else {
      set.set(c);
      end = i + 1;
    }
    // An optional first atom does not have to be there: the shape is not understood.
    return !(end < to && "?*{".indexOf(src.charAt(end)) >= 0);
  }

  private static boolean addEscape(char e, BitSet set) {
    if (e == 'd') {
      set.set('0', '9' + 1);
    } else if (e == 'w') {
      set.set('0', '9' + 1);
      set.set('a', 'z' + 1);
      set.set('A', 'Z' + 1);
      set.set('_');
    } else if (Character.isLetterOrDigit(e)) {
      return false; // s, S, B, x and u escapes: not worth understanding
    } else {
      set.set(e);
    }
    return true;
  }

  /** Characters of a class body [from, to); false for a negated class or one not understood. */
  private static boolean classChars(String src, int from, int to, BitSet set) {
    if (from >= to || src.charAt(from) == '^') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = src.charAt(i);
      if (c == '[' || c == '&') {
        return false;
      }
      if (c == '\\') {
        if (i + 1 >= to || !addEscape(src.charAt(i + 1), set)) {
          return false;
        }
        i++;
        continue;
      }
      if (i + 2 < to && src.charAt(i + 1) == '-' && src.charAt(i + 2) != '\\') {
        char last = src.charAt(i + 2);
        if (last < c || last >= 128) {
          return false;
        }
        set.set(c, last + 1);
        i += 2;
        continue;
      }
      if (c >= 128) {
        return false;
      }
      set.set(c);
    }
    return true;
  }

  /** The index after the group opening at {@code open}, or -1. */
  private static int skipGroup(String src, int open) {
    int depth = 0;
    for (int i = open; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = skipClass(src, i) - 1;
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /** The index after the class opening at {@code open}, or -1. */
  private static int skipClass(String src, int open) {
    int i = open + 1;
    if (i < src.length() && src.charAt(i) == '^') {
      i++;
    }
    if (i < src.length() && src.charAt(i) == ']') {
      i++; // a literal ] first
    }
    for (; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        return -1; // nested classes: not understood
      } else if (c == ']') {
        return i + 1;
      }
    }
    return -1;
  }
}
