package dev.edgepress.contact;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: malformed input is refused, never replaced. */
final class Utf8 {

  private Utf8() {}

  static String decode(byte[] bytes, int offset, int length) throws UnreadableBodyException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      throw new UnreadableBodyException("invalid UTF-8");
    }
  }
}
