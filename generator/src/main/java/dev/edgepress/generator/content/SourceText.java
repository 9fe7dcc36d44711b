package dev.edgepress.generator.content;

import dev.edgepress.generator.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A text file read strictly as UTF-8, with a byte-order mark dropped and CRLF turned into LF. */
public record SourceText(Path file, String text) {

  /** The file could not be read or is not UTF-8. */
  public static final class Unreadable extends Exception {
    private final transient Problem problem;

    Unreadable(Problem problem) {
      super(problem.toString());
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  public static SourceText read(Path file) throws Unreadable {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new Unreadable(Problem.of(file, "cannot read the file: " + e));
    }
    return decode(file, bytes);
  }

  public static SourceText decode(Path file, byte[] bytes) throws Unreadable {
    int ascii = ascii(bytes);
    if (ascii != NOT_ASCII) {
      // The common case, and a cheap one: every byte is a character, and the same pass saw whether
      // there is a CR to turn into LF (looking again costs a tenth of reading at 10,000 pages).
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      return new SourceText(file, ascii == ASCII_WITH_CR ? normalize(text) : text);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new Unreadable(
          Problem.at(
              file,
              line,
              at - lineStart + 1,
              String.format(
                  "the file is not UTF-8 (byte 0x%02X at offset %d); re-save it as UTF-8 in your editor"
                      + " (e.g. iconv -f latin1 -t utf-8)",
                  bytes[at] & 0xff,
                  at)));
    }
    try {
      CoderResult flush = decoder.flush(out);
      if (flush.isError()) {
        flush.throwException();
      }
    } catch (CharacterCodingException e) {
      throw new Unreadable(Problem.of(file, "the file is not UTF-8: " + e));
    }
    out.flip();
    return new SourceText(file, normalize(out.toString()));
  }

  private static final int ASCII = 0;
  private static final int ASCII_WITH_CR = 1;
  private static final int NOT_ASCII = 2;

  /** {@link #ASCII}, {@link #ASCII_WITH_CR} or {@link #NOT_ASCII}; an ASCII text has no byte-order mark. */
  private static int ascii(byte[] bytes) {
    boolean cr = false;
    for (byte b : bytes) {
      if (b < 0) {
        return NOT_ASCII;
      }
      cr |= b == '\r';
    }
    return cr ? ASCII_WITH_CR : ASCII;
  }

  private static String normalize(String text) {
    String t = text;
    if (!t.isEmpty() && t.charAt(0) == '\uFEFF') {
      t = t.substring(1);
    }
    if (t.indexOf('\r') >= 0) {
      t = t.replace("\r\n", "\n").replace('\r', '\n');
    }
    return t;
  }
}
