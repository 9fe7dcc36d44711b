package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.RRType;

/** Reading and changing records of a hosted zone; record names compared without the trailing dot. */
final class Dns {

  private final Context ctx;

  Dns(Context ctx) {
    this.ctx = ctx;
  }

  /** The records named {@code name} (every type), read with one ListResourceRecordSets from that name. */
  List<ResourceRecordSet> recordsNamed(String zoneId, String name) {
    String wanted = normalize(name);
    List<ResourceRecordSet> out = new ArrayList<>();
    String start = wanted;
    String startType = null;
    while (true) {
      String s = start;
      String t = startType;
      ListResourceRecordSetsResponse page = call("route53:ListResourceRecordSets", () -> ctx.aws.route53()
          .listResourceRecordSets(r -> r.hostedZoneId(zoneId).startRecordName(s).startRecordType(t).maxItems("20")));
      for (ResourceRecordSet r : page.resourceRecordSets()) {
        if (!normalize(r.name()).equals(wanted)) {
          return out;
        }
        out.add(r);
      }
      if (!Boolean.TRUE.equals(page.isTruncated()) || !normalize(page.nextRecordName()).equals(wanted)) {
        return out;
      }
      start = page.nextRecordName();
      startType = page.nextRecordTypeAsString();
    }
  }

  Optional<ResourceRecordSet> record(String zoneId, String name, RRType type) {
    return recordsNamed(zoneId, name).stream().filter(r -> r.type() == type && r.setIdentifier() == null).findFirst();
  }

  /** Sends one batch; returns the change id to wait on. */
  String change(String zoneId, List<Change> changes, String comment) {
    return call("route53:ChangeResourceRecordSets", () -> ctx.aws.route53().changeResourceRecordSets(r -> r
        .hostedZoneId(zoneId).changeBatch(b -> b.comment(comment).changes(changes)))).changeInfo().id();
  }

  /** Waits until Route 53 says the change reached all its name servers (INSYNC). */
  void awaitInsync(String changeId, String what) {
    String id = changeId.substring(changeId.lastIndexOf('/') + 1);
    ctx.poller.await(what, ctx.timeouts.dns(), () -> {
      ChangeStatus status = call("route53:GetChange", () -> ctx.aws.route53().getChange(r -> r.id(id))).changeInfo().status();
      return status == ChangeStatus.INSYNC ? Optional.of(status) : Optional.empty();
    }, () -> "Route 53 has not finished the change " + id + " (" + what + ") after " + ctx.timeouts.dns().toMinutes()
        + " minutes; it usually takes under a minute. Run again later: the records are in the zone.");
  }

  static String normalize(String name) {
    if (name == null) {
      return "";
    }
    String n = name.toLowerCase(Locale.ROOT).replace("\\052", "*");
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
