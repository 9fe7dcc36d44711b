package dev.edgepress.generator.markdown;

import static io.noties.prism4j.Prism4j.grammar;
import static io.noties.prism4j.Prism4j.pattern;
import static io.noties.prism4j.Prism4j.token;
import static java.util.regex.Pattern.CASE_INSENSITIVE;
import static java.util.regex.Pattern.MULTILINE;
import static java.util.regex.Pattern.compile;

import io.noties.prism4j.GrammarUtils;
import io.noties.prism4j.Prism4j;

/**
 * Grammars for languages Prism4j does not bundle (TypeScript, shell, .properties, diff,
 * Dockerfile), written in Prism4j's own terms after Prism's. Their repeated groups are unrolled
 * ({@code "[^"\\]*(?:\\.[^"\\]*)*"}) so that a long string does not recurse once per character.
 */
final class ExtraGrammars {

  private ExtraGrammars() {}

  /** JavaScript with TypeScript's keywords and built-in types. */
  static Prism4j.Grammar typescript(Prism4j.Grammar javascript) {
    Prism4j.Grammar ts = GrammarUtils.extend(javascript, "typescript",
        token("keyword", pattern(compile("\\b(?:abstract|as|async|await|break|case|catch|class|const|constructor"
            + "|continue|debugger|declare|default|delete|do|else|enum|export|extends|finally|for|from|function|get"
            + "|if|implements|import|in|instanceof|interface|is|keyof|let|module|namespace|new|null|of|package"
            + "|private|protected|public|readonly|return|require|satisfies|set|static|super|switch|this|throw|try"
            + "|type|typeof|undefined|var|void|while|with|yield)\\b"))));
    // extend() only replaces tokens the base has; a new one is inserted.
    GrammarUtils.insertBeforeToken(ts, "boolean",
        token("builtin", pattern(compile("\\b(?:string|Function|any|number|bigint|boolean|Array|symbol|console"
            + "|Promise|unknown|never|object|Record|Partial|Readonly)\\b"))));
    return ts;
  }

  /** Bash and POSIX shell: comments, strings with variables inside, variables, keywords, commands. */
  static Prism4j.Grammar bash() {
    Prism4j.Token variable = token("variable",
        pattern(compile("\\$\\{[^{}\\r\\n]*\\}|\\$\\([^()\\r\\n]*\\)|\\$(?:\\w+|[#?*!@$0-9-])")));
    return grammar("bash",
        token("comment", pattern(compile("(^|[^\"{\\\\$\\w])#.*"), true)),
        token("string",
            pattern(compile("\"[^\"\\\\]*(?:\\\\[\\s\\S][^\"\\\\]*)*\""), false, true, null,
                grammar("inside", variable)),
            pattern(compile("'[^']*'"), false, true)),
        variable,
        token("keyword", pattern(compile("(^|[\\s;|&(])(?:if|then|else|elif|fi|for|while|until|in|case|esac"
            + "|function|select|do|done|return|local|export|readonly|declare|unset|set|shift|source)(?=$|[)\\s;|&])",
            MULTILINE), true)),
        token("function", pattern(compile("(^|[\\s;|&(])(?:alias|apt|apt-get|aws|awk|brew|cat|cd|chmod|chown"
            + "|cp|curl|cut|date|diff|docker|echo|env|exit|find|git|gpg|grep|gzip|head|java|kill|ln|ls|make|mkdir"
            + "|mv|mvn|npm|npx|openssl|printf|ps|pwd|python3?|rm|rsync|scp|sed|sort|ssh|sudo|tail|tar|tee|test"
            + "|touch|tr|uniq|unzip|wc|wget|which|xargs|yarn|zip)(?=$|[\\s;|&)])", MULTILINE), true)),
        token("boolean", pattern(compile("(^|[\\s;|&])(?:true|false)(?=$|[\\s;|&)])", MULTILINE), true)),
        token("operator", pattern(compile("&&|\\|\\|?|==?|!=?|<<<?|>>|<=?|>=?|=~|&"))),
        token("punctuation", pattern(compile("\\$?\\(\\(?|\\)\\)?|\\.\\.|[{}\\[\\];\\\\]"))));
  }

  /** Java .properties: comments, keys, separators and values. */
  static Prism4j.Grammar properties() {
    return grammar("properties",
        token("comment", pattern(compile("^[ \\t]*[#!].*", MULTILINE))),
        token("attr-value", pattern(
            compile("(^[ \\t]*[^\\s:=\\\\]*(?:\\\\.[^\\s:=\\\\]*)*[ \\t]*[=: \\t][ \\t]*)\\S.*", MULTILINE), true)),
        token("attr-name", pattern(compile("^[ \\t]*(?:[^\\s:=\\\\]|\\\\.)[^\\s:=\\\\]*(?:\\\\.[^\\s:=\\\\]*)*(?=[ \\t]*[=:]|[ \\t]|$)",
            MULTILINE))),
        token("punctuation", pattern(compile("[=:]"))));
  }

  /** Unified and context diffs: file and hunk headers, deleted and inserted lines. */
  static Prism4j.Grammar diff() {
    return grammar("diff",
        token("coord",
            pattern(compile("^(?:\\*{3}|-{3}|\\+{3}|diff |index ).*$", MULTILINE)),
            pattern(compile("^@@.*@@.*$", MULTILINE)),
            pattern(compile("^\\d+.*$", MULTILINE))),
        token("deleted", pattern(compile("^[-<].*$", MULTILINE))),
        token("inserted", pattern(compile("^[+>].*$", MULTILINE))),
        token("important", pattern(compile("^!(?!!).+$", MULTILINE))));
  }

  /** Dockerfile: instructions, comments, strings and variables. */
  static Prism4j.Grammar dockerfile() {
    return grammar("dockerfile",
        token("comment", pattern(compile("(^[ \\t]*)#.*", MULTILINE), true)),
        token("keyword", pattern(compile("(^[ \\t]*)(?:ADD|ARG|CMD|COPY|ENTRYPOINT|ENV|EXPOSE|FROM|HEALTHCHECK"
            + "|LABEL|MAINTAINER|ONBUILD|RUN|SHELL|STOPSIGNAL|USER|VOLUME|WORKDIR)(?=\\s)",
            MULTILINE | CASE_INSENSITIVE), true),
            pattern(compile("(\\s)AS(?=\\s)", CASE_INSENSITIVE), true)),
        token("string", pattern(compile("\"[^\"\\\\\\r\\n]*(?:\\\\.[^\"\\\\\\r\\n]*)*\"|'[^'\\\\\\r\\n]*(?:\\\\.[^'\\\\\\r\\n]*)*'"),
            false, true)),
        token("variable", pattern(compile("\\$\\{[^{}\\r\\n]*\\}|\\$\\w+"))),
        token("operator", pattern(compile("--[\\w-]+(?==)|&&|\\|\\|"))),
        token("punctuation", pattern(compile("[\\[\\],\\\\=]"))));
  }
}
