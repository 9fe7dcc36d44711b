package dev.edgepress.contact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The preview's mailer: writes each message into a directory as an RFC 5322 .eml file that any mail
 * program opens, instead of sending it. Headers Date, From, To, Reply-To, Subject (an RFC 2047
 * encoded-word when it is not plain ASCII), Message-ID, MIME-Version, Content-Type text/plain in UTF-8,
 * Content-Transfer-Encoding quoted-printable; CRLF line ends; lines of at most 78 characters. Files are
 * named by time and a counter ({@code 20260301T120000.000Z-000001.eml}), so they sort in the order they
 * were written, and each is written to a temporary file first and then moved into place.
 */
public final class EmlOutbox implements Mailer {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'",
      Locale.ROOT);
  private static final int MAX_LINE = 76;
  private static final String CRLF = "\r\n";

  private final Path directory;
  private final Consumer<String> log;
  private final Clock clock;
  private final AtomicLong counter = new AtomicLong();

  /**
   * @param directory where the files go; created when missing
   * @param log takes one line per message written
   */
  public EmlOutbox(Path directory, Consumer<String> log) {
    this(directory, log, Clock.systemUTC());
  }

  EmlOutbox(Path directory, Consumer<String> log, Clock clock) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void send(ContactMessage message) throws MailException {
    ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
    byte[] eml = render(message, now).getBytes(StandardCharsets.UTF_8);
    Path tmp = null;
    try {
      Files.createDirectories(directory);
      tmp = Files.createTempFile(directory, ".contact-", ".tmp");
      Files.write(tmp, eml);
      for (int attempt = 0; ; attempt++) {
        Path target = directory.resolve(FILE_TIME.format(now) + String.format(Locale.ROOT, "-%06d.eml",
            counter.incrementAndGet()));
        try {
          Files.move(tmp, target);
          tmp = null;
          log.accept("Contact form: message from " + message.replyTo() + " written to " + target);
          return;
        } catch (FileAlreadyExistsException e) {
          if (attempt >= 100) {
            throw e;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new MailException("Could not write the message into " + directory + ": " + e.getClass().getSimpleName(),
          false, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temporary file stays; nothing else to do
        }
      }
    }
  }

  /** The whole .eml text, CRLF line ends. */
  static String render(ContactMessage m, ZonedDateTime date) {
    StringBuilder b = new StringBuilder(m.body().length() * 2 + 512);
    header(b, "Date", DATE.format(date));
    header(b, "From", ascii(m.from()));
    header(b, "To", ascii(m.to()));
    header(b, "Reply-To", ascii(m.replyTo()));
    b.append(subject(m.subject()));
    header(b, "Message-ID", "<" + UUID.randomUUID() + "@" + ascii(EmailAddress.domain(m.from())) + ">");
    header(b, "MIME-Version", "1.0");
    header(b, "Content-Type", "text/plain; charset=UTF-8");
    header(b, "Content-Transfer-Encoding", "quoted-printable");
    b.append(CRLF);
    b.append(quotedPrintable(m.body()));
    return b.toString();
  }

  private static void header(StringBuilder b, String name, String value) {
    b.append(name).append(": ").append(value).append(CRLF);
  }

  /** Printable ASCII only: a header value is never allowed to carry anything else into the file. */
  private static String ascii(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return out.toString();
  }

  /**
   * The Subject header, folded: plain ASCII words when it is printable ASCII (and holds no {@code =?}),
   * else UTF-8 B encoded-words of whole characters, at most 75 characters each.
   */
  static String subject(String subject) {
    String clean = Text.oneLine(subject);
    boolean plain = !clean.contains("=?");
    for (int i = 0; plain && i < clean.length(); i++) {
      char c = clean.charAt(i);
      plain = c >= 0x20 && c < 0x7F;
    }
    StringBuilder b = new StringBuilder("Subject:");
    int lineLength = b.length();
    if (plain) {
      int words = 0;
      for (String word : clean.isEmpty() ? new String[0] : clean.split(" ")) {
        if (lineLength + 1 + word.length() > 78 && words > 0) {
          b.append(CRLF);
          lineLength = 0;
          words = 0;
        }
        b.append(' ').append(word);
        lineLength += 1 + word.length();
        words++;
      }
      return b.append(CRLF).toString();
    }
    int i = 0;
    while (i < clean.length()) {
      // 39 bytes of UTF-8 give 52 characters of base64: with "=?UTF-8?B?" and "?=", 64; "Subject: " and one word fit in 78.
      int end = i;
      int bytes = 0;
      while (end < clean.length()) {
        int cp = clean.codePointAt(end);
        int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
        if (bytes + n > 39) {
          break;
        }
        bytes += n;
        end += Character.charCount(cp);
      }
      String word = "=?UTF-8?B?" + Base64.getEncoder().encodeToString(clean.substring(i, end)
          .getBytes(StandardCharsets.UTF_8)) + "?=";
      if (i > 0) {
        b.append(CRLF);
      }
      b.append(' ').append(word);
      i = end;
    }
    return b.append(CRLF).toString();
  }

  /** Quoted-printable (RFC 2045) of UTF-8 text with {@code \n} line ends: CRLF line ends, soft breaks at 76. */
  static String quotedPrintable(String text) {
    StringBuilder out = new StringBuilder(text.length() * 2);
    String[] lines = text.split("\n", -1);
    for (int l = 0; l < lines.length; l++) {
      byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
      int lineLength = 0;
      for (int i = 0; i < bytes.length; i++) {
        int b = bytes[i] & 0xFF;
        boolean last = i == bytes.length - 1;
        String piece;
        if ((b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last)) {
          piece = String.valueOf((char) b);
        } else {
          piece = String.format(Locale.ROOT, "=%02X", b);
        }
        // Leave room for the soft break "=" unless this is the line's last piece.
        int room = last ? MAX_LINE : MAX_LINE - 1;
        if (lineLength + piece.length() > room) {
          out.append('=').append(CRLF);
          lineLength = 0;
        }
        out.append(piece);
        lineLength += piece.length();
      }
      if (l < lines.length - 1) {
        out.append(CRLF);
      }
    }
    return out.toString();
  }
}
