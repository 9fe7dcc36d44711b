package dev.edgepress.contact;

import java.util.Objects;

/**
 * One message from the contact form, ready to send: validated and cleaned by {@link ContactHandler}.
 * The recipient and the sender always come from {@link ContactConfig}; the visitor's address is only
 * ever the Reply-To. The header fields ({@code to}, {@code from}, {@code replyTo}, {@code subject})
 * contain no control character, line break or line separator: the constructor refuses them, so no
 * {@link Mailer} can be handed a header injection.
 *
 * @param to the author's address, from the configuration
 * @param from the sender, from the configuration (an address SES may send as)
 * @param replyTo the visitor's address, validated
 * @param subject the prefix, the visitor's name and optional subject, on one line
 * @param body plain text with {@code \n} line ends: the visitor's name, address and IP, then the message
 */
public record ContactMessage(String to, String from, String replyTo, String subject, String body) {

  /** @throws IllegalArgumentException when a header field holds a control character or is blank */
  public ContactMessage {
    requireHeaderText("to", to);
    requireHeaderText("from", from);
    requireHeaderText("replyTo", replyTo);
    requireHeaderText("subject", subject);
    Objects.requireNonNull(body, "body");
  }

  private static void requireHeaderText(String field, String value) {
    Objects.requireNonNull(value, field);
    if (!Text.isHeaderSafe(value)) {
      throw new IllegalArgumentException(field + " of a contact message must be one line without control characters");
    }
    if (!field.equals("subject") && value.isBlank()) {
      throw new IllegalArgumentException(field + " of a contact message is blank");
    }
  }

  /** Without the message's text nor the visitor's address, so that logging a message never logs them. */
  @Override
  public String toString() {
    return "ContactMessage[to=" + to + ", from=" + from + ", subject=" + subject.length() + " chars, body="
        + body.length() + " chars]";
  }
}
