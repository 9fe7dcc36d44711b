package dev.edgepress.contact;

/**
 * Delivers a {@link ContactMessage}: {@link SesMailer} through Amazon SES in production, {@link EmlOutbox}
 * into .eml files in the local preview.
 */
public interface Mailer {

  /**
   * Sends the message, or throws: a mailer never drops a message silently.
   *
   * @throws MailException when the message was not sent; {@link MailException#throttled()} says whether
   *     trying again a little later may work
   */
  void send(ContactMessage message) throws MailException;
}
