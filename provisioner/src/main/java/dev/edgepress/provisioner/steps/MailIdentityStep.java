package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;

import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ContactSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;

/**
 * The contact form's mail identity in SES: the sender's domain with Easy DKIM, whose three DKIM
 * CNAMEs are UPSERTed into the site's zone so SES verifies it by itself. In the SES sandbox (a new
 * account), SES delivers only to verified addresses, so the recipient's address is made an identity
 * too and its owner must click the link SES mails; the report says so until it is done.
 */
final class MailIdentityStep implements Step {

  private final Context ctx;
  private final ContactSpec contact;
  private final Dns dns;
  private Optional<GetEmailIdentityResponse> domain = Optional.empty();
  private boolean sandbox;
  private Optional<GetEmailIdentityResponse> recipient = Optional.empty();
  private final List<software.amazon.awssdk.services.route53.model.Change> dkim = new ArrayList<>();

  MailIdentityStep(Context ctx, ContactSpec contact) {
    this.ctx = ctx;
    this.contact = contact;
    this.dns = new Dns(ctx);
  }

  @Override
  public String resource() {
    return "mail-identity";
  }

  @Override
  public boolean siteNeedsIt() {
    return false;
  }

  @Override
  public Change plan() {
    String name = contact.senderDomain() + " (sends as " + contact.from() + ")";
    domain = identity(contact.senderDomain());
    sandbox = !Boolean.TRUE.equals(call("ses:GetAccount", () -> ctx.aws.ses().getAccount(r -> {})).productionAccessEnabled());
    recipient = sandbox ? identity(contact.to()) : Optional.empty();
    List<String> diffs = new ArrayList<>();
    if (domain.isEmpty()) {
      diffs.add("domain identity " + contact.senderDomain() + " with Easy DKIM");
    } else {
      dkim.addAll(missingDkimRecords(domain.get()));
      dkim.forEach(c -> diffs.add("DKIM record " + Dns.normalize(c.resourceRecordSet().name()) + " missing"));
    }
    if (sandbox && recipient.isEmpty()) {
      diffs.add("recipient " + contact.to() + " as an identity (SES sandbox: it must confirm by email)");
    }
    Change.Status status = pendingStatus();
    if (diffs.isEmpty()) {
      return new Change(resource(), name, contact.senderDomain(), Change.Action.UNCHANGED, notes(), status);
    }
    return new Change(resource(), name, contact.senderDomain(), domain.isEmpty() ? Change.Action.CREATE : Change.Action.UPDATE,
        diffs, Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    if (domain.isEmpty()) {
      call("ses:CreateEmailIdentity", () -> ctx.aws.ses().createEmailIdentity(r -> r.emailIdentity(contact.senderDomain())));
      domain = identity(contact.senderDomain());
      dkim.addAll(missingDkimRecords(domain.orElseThrow()));
    }
    if (!dkim.isEmpty()) {
      String zone = ctx.zoneFor(contact.senderDomain()).orElseThrow();
      dns.change(zone, List.copyOf(dkim), "Edgepress: DKIM for " + contact.senderDomain());
      ctx.listener.info("Added " + dkim.size() + " DKIM records for " + contact.senderDomain() + " to zone " + zone);
    }
    if (sandbox && recipient.isEmpty()) {
      call("ses:CreateEmailIdentity", () -> ctx.aws.ses().createEmailIdentity(r -> r.emailIdentity(contact.to())));
      recipient = identity(contact.to());
      ctx.listener.warn("SES has mailed " + contact.to() + " a confirmation link: open it, or the contact form"
          + " cannot deliver there (your account is in the SES sandbox; see README for production access).");
    }
    domain = identity(contact.senderDomain());
    return new Change(planned.resource(), planned.name(), planned.id(), planned.action(), notes(), pendingStatus());
  }

  private Change.Status pendingStatus() {
    boolean domainOk = domain.map(d -> Boolean.TRUE.equals(d.verifiedForSendingStatus())).orElse(false);
    boolean recipientOk = !sandbox || recipient.map(d -> Boolean.TRUE.equals(d.verifiedForSendingStatus())).orElse(false);
    return domainOk && recipientOk ? Change.Status.DONE : Change.Status.PENDING;
  }

  private List<String> notes() {
    List<String> notes = new ArrayList<>();
    domain.ifPresent(d -> notes.add("domain " + (Boolean.TRUE.equals(d.verifiedForSendingStatus())
        ? "verified" : "waiting for SES to see its DKIM records (usually minutes)")));
    if (sandbox) {
      notes.add("SES sandbox: recipient " + contact.to() + " " + recipient.map(r -> Boolean.TRUE.equals(r.verifiedForSendingStatus())
          ? "confirmed" : "must click the link SES mailed it").orElse("not yet an identity"));
    }
    return notes;
  }

  private Optional<GetEmailIdentityResponse> identity(String name) {
    try {
      return Optional.of(call("ses:GetEmailIdentity", () -> ctx.aws.ses().getEmailIdentity(r -> r.emailIdentity(name))));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private List<software.amazon.awssdk.services.route53.model.Change> missingDkimRecords(GetEmailIdentityResponse identity) {
    List<software.amazon.awssdk.services.route53.model.Change> out = new ArrayList<>();
    if (identity.dkimAttributes() == null || identity.dkimAttributes().tokens() == null) {
      return out;
    }
    String zone = ctx.zoneFor(contact.senderDomain()).orElseThrow();
    for (String token : identity.dkimAttributes().tokens()) {
      String name = token + "._domainkey." + contact.senderDomain();
      String value = token + ".dkim.amazonses.com";
      boolean present = dns.record(zone, name, RRType.CNAME)
          .map(r -> r.resourceRecords().stream().anyMatch(v -> Dns.normalize(v.value()).equals(value))).orElse(false);
      if (!present) {
        out.add(software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.UPSERT)
            .resourceRecordSet(ResourceRecordSet.builder().name(name).type(RRType.CNAME).ttl(1800L)
                .resourceRecords(v -> v.value(value)).build()).build());
      }
    }
    return out;
  }
}
