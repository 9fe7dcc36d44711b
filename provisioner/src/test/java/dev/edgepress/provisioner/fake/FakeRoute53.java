package dev.edgepress.provisioner.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ServiceClientConfiguration;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.DelegationSet;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneConfig;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.VPC;
import software.amazon.awssdk.services.route53.waiters.Route53Waiter;

/**
 * Route 53 (global). Zones, records in Route 53's order and escaping, all-or-nothing change batches with Route 53's
 * InvalidChangeBatch messages, alias records checked against the fake CloudFront, and changes that are PENDING for
 * {@link FakeAws#getChangesUntilInsync} GetChange calls.
 */
final class FakeRoute53 implements Route53Client {

    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

    private final FakeAws w;
    private boolean closed;

    FakeRoute53(FakeAws w) {
        this.w = w;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public Route53ServiceClientConfiguration serviceClientConfiguration() {
        return Route53ServiceClientConfiguration.builder().region(Region.AWS_GLOBAL).build();
    }

    @Override
    public Route53Waiter waiter() {
        return Route53Waiter.builder().client(this).build();
    }

    // ------------------------------------------------------------------ zones

    @Override
    public ListHostedZonesResponse listHostedZones(ListHostedZonesRequest request) {
        synchronized (w) {
            open();
            w.enter("route53:ListHostedZones", "*");
            int max = maxItems(request.maxItems(), 100);
            List<FakeAws.Zone> all = new ArrayList<>(w.zones.values());
            if (request.hostedZoneType() != null) {
                all.removeIf(z -> !z.privateZone);
            }
            int start = 0;
            if (request.marker() != null) {
                start = -1;
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).id.equals(request.marker())) {
                        start = i;
                    }
                }
                if (start < 0) {
                    throw error(InvalidInputException.builder(), 400, "InvalidInput",
                            "Invalid marker: " + request.marker());
                }
            }
            int end = Math.min(all.size(), start + max);
            boolean truncated = end < all.size();
            return ListHostedZonesResponse.builder()
                    .hostedZones(all.subList(start, end).stream().map(this::zoneModel).toList())
                    .marker(request.marker() == null ? "" : request.marker())
                    .isTruncated(truncated)
                    .nextMarker(truncated ? all.get(end).id : null)
                    .maxItems(Integer.toString(max))
                    .build();
        }
    }

    @Override
    public ListHostedZonesResponse listHostedZones() {
        return listHostedZones(ListHostedZonesRequest.builder().build());
    }

    @Override
    public GetHostedZoneResponse getHostedZone(GetHostedZoneRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("route53:GetHostedZone", "arn:aws:route53:::hostedzone/" + id);
            FakeAws.Zone z = zone(id);
            GetHostedZoneResponse.Builder b = GetHostedZoneResponse.builder().hostedZone(zoneModel(z));
            if (z.privateZone) {
                b.vpCs(VPC.builder().vpcRegion("us-east-1").vpcId("vpc-0fake" + z.id.substring(1, 9).toLowerCase(Locale.ROOT))
                        .build());
            } else {
                b.delegationSet(DelegationSet.builder().nameServers(z.nameServers).build());
            }
            return b.build();
        }
    }

    private HostedZone zoneModel(FakeAws.Zone z) {
        return HostedZone.builder()
                .id(w.wireFormatRoute53Ids ? "/hostedzone/" + z.id : z.id)
                .name(z.name)
                .callerReference(z.callerReference)
                .config(HostedZoneConfig.builder().comment(z.comment).privateZone(z.privateZone).build())
                .resourceRecordSetCount((long) z.records.size())
                .build();
    }

    // ------------------------------------------------------------------ records

    @Override
    public ListResourceRecordSetsResponse listResourceRecordSets(ListResourceRecordSetsRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.hostedZoneId(), "HostedZoneId");
            w.enter("route53:ListResourceRecordSets", "arn:aws:route53:::hostedzone/" + id);
            FakeAws.Zone z = zone(id);
            int max = maxItems(request.maxItems(), 300);
            String startType = request.startRecordTypeAsString();
            if (startType != null && request.startRecordName() == null) {
                throw error(InvalidInputException.builder(), 400, "InvalidInput",
                        "The input is not valid: StartRecordType can be specified only together with StartRecordName");
            }
            List<ResourceRecordSet> all = new ArrayList<>();
            FakeAws.RrKey start = request.startRecordName() == null ? null
                    : FakeAws.RrKey.of(fqdn(unescape(request.startRecordName())), startType == null ? "" : startType,
                            request.startRecordIdentifier());
            for (Map.Entry<FakeAws.RrKey, ResourceRecordSet> e : z.records.entrySet()) {
                if (start == null || e.getKey().compareTo(start) >= 0) {
                    all.add(e.getValue());
                }
            }
            int end = Math.min(all.size(), max);
            boolean truncated = end < all.size();
            ListResourceRecordSetsResponse.Builder b = ListResourceRecordSetsResponse.builder()
                    .resourceRecordSets(all.subList(0, end).stream().map(FakeRoute53::wireRecord).toList())
                    .isTruncated(truncated)
                    .maxItems(Integer.toString(max));
            if (truncated) {
                ResourceRecordSet next = all.get(end);
                b.nextRecordName(escape(next.name())).nextRecordType(next.typeAsString())
                        .nextRecordIdentifier(next.setIdentifier());
            }
            return b.build();
        }
    }

    /** As Route 53 returns a record: characters other than a-z, 0-9, '-', '_' and '.' as octal escapes. */
    private static ResourceRecordSet wireRecord(ResourceRecordSet r) {
        return r.toBuilder().name(escape(r.name())).build();
    }

    @Override
    public ChangeResourceRecordSetsResponse changeResourceRecordSets(ChangeResourceRecordSetsRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.hostedZoneId(), "HostedZoneId");
            w.enter("route53:ChangeResourceRecordSets", "arn:aws:route53:::hostedzone/" + id);
            FakeAws.Zone z = zone(id);
            if (request.changeBatch() == null) {
                throw invalidInput("Value null at 'changeBatch' failed to satisfy constraint: Member must not be null");
            }
            List<Change> changes = request.changeBatch().changes();
            if (changes == null || changes.isEmpty()) {
                throw invalidInput("Value '[]' at 'changeBatch.changes' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
            }
            // 1. the shape of each change (InvalidInput, before anything else)
            List<ResourceRecordSet> canonical = new ArrayList<>();
            for (int i = 0; i < changes.size(); i++) {
                canonical.add(checkShape(changes.get(i), "changeBatch.changes." + (i + 1) + ".member"));
            }
            // 2. apply on a copy, collecting Route 53's InvalidChangeBatch messages; all or nothing
            TreeMap<FakeAws.RrKey, ResourceRecordSet> copy = new TreeMap<>(z.records);
            List<String> messages = new ArrayList<>();
            Map<FakeAws.RrKey, String> seen = new HashMap<>();
            for (int i = 0; i < changes.size(); i++) {
                String action = changes.get(i).actionAsString();
                ResourceRecordSet r = canonical.get(i);
                FakeAws.RrKey key = FakeAws.RrKey.of(r);
                String before = seen.put(key, action);
                if (before != null && !(before.equals("DELETE") && action.equals("CREATE"))) {
                    messages.add("The request contains an invalid set of changes for a resource record set '"
                            + r.typeAsString() + " " + r.name() + "'");
                    continue;
                }
                apply(z, copy, action, r, messages);
            }
            if (!messages.isEmpty()) {
                String message = "[" + String.join(", ", messages) + "]";
                throw error(InvalidChangeBatchException.builder(), 400, "InvalidChangeBatch", message);
            }
            z.records.clear();
            z.records.putAll(copy);
            FakeAws.ChangeState c = new FakeAws.ChangeState();
            c.id = "C" + w.randomUpper(20);
            c.submittedAt = Instant.now();
            c.comment = request.changeBatch().comment();
            w.changes.put(c.id, c);
            return ChangeResourceRecordSetsResponse.builder().changeInfo(changeInfo(c, ChangeStatus.PENDING)).build();
        }
    }

    /** Checks what Route 53 rejects as InvalidInput and returns the record in canonical form. */
    private ResourceRecordSet checkShape(Change change, String path) {
        if (change.action() == null && change.actionAsString() == null) {
            throw invalidInput("Value null at '" + path + ".action' failed to satisfy constraint: Member must not be null");
        }
        if (!List.of("CREATE", "DELETE", "UPSERT").contains(change.actionAsString())) {
            throw invalidInput("Value '" + change.actionAsString() + "' at '" + path + ".action' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [CREATE, DELETE, UPSERT]");
        }
        ResourceRecordSet r = change.resourceRecordSet();
        if (r == null) {
            throw invalidInput("Value null at '" + path + ".resourceRecordSet' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (r.name() == null) {
            throw invalidInput("Value null at '" + path + ".resourceRecordSet.name' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (r.typeAsString() == null) {
            throw invalidInput("Value null at '" + path + ".resourceRecordSet.type' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        String name = fqdn(unescape(r.name()));
        boolean alias = r.aliasTarget() != null;
        boolean hasTtl = r.ttl() != null;
        boolean hasValues = r.hasResourceRecords() && !r.resourceRecords().isEmpty();
        String where = " in Change with [Action=" + change.actionAsString() + ", Name=" + name + ", Type="
                + r.typeAsString() + ", SetIdentifier=" + r.setIdentifier() + "]";
        if (alias && (hasTtl || hasValues)) {
            throw error(InvalidInputException.builder(), 400, "InvalidInput", "Invalid request: Expected exactly one of "
                    + "[AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found more than one"
                    + where);
        }
        if (!alias && !(hasTtl && hasValues)) {
            throw error(InvalidInputException.builder(), 400, "InvalidInput", "Invalid request: Expected exactly one of "
                    + "[AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none"
                    + where);
        }
        ResourceRecordSet.Builder b = r.toBuilder().name(name).type(r.typeAsString().toUpperCase(Locale.ROOT));
        if (alias) {
            AliasTarget a = r.aliasTarget();
            String p = path + ".resourceRecordSet.aliasTarget";
            if (a.hostedZoneId() == null) {
                throw invalidInput("Value null at '" + p + ".hostedZoneId' failed to satisfy constraint: Member must not be null");
            }
            if (a.dnsName() == null) {
                throw invalidInput("Value null at '" + p + ".dNSName' failed to satisfy constraint: Member must not be null");
            }
            if (a.evaluateTargetHealth() == null) {
                throw invalidInput("Value null at '" + p + ".evaluateTargetHealth' failed to satisfy constraint: "
                        + "Member must not be null");
            }
            b.aliasTarget(a.toBuilder().dnsName(fqdn(a.dnsName())).build());
        }
        return b.build();
    }

    private void apply(FakeAws.Zone z, TreeMap<FakeAws.RrKey, ResourceRecordSet> records, String action,
            ResourceRecordSet r, List<String> messages) {
        FakeAws.RrKey key = FakeAws.RrKey.of(r);
        String name = r.name();
        String type = r.typeAsString();
        if (!(name.equals(z.name) || name.endsWith("." + z.name))) {
            messages.add("RRSet with DNS name " + name + " is not permitted in zone " + z.name);
            return;
        }
        ResourceRecordSet existing = records.get(key);
        if (action.equals("DELETE")) {
            if (existing == null) {
                messages.add("Tried to delete resource record set [name='" + name + "', type='" + type
                        + "'] but it was not found");
            } else if (!sameRecord(existing, r)) {
                messages.add("Tried to delete resource record set [name='" + name + "', type='" + type
                        + "'] but the values provided do not match the current values");
            } else if (name.equals(z.name) && type.equals("SOA")) {
                messages.add("A HostedZone must contain exactly one SOA record.");
            } else if (name.equals(z.name) && type.equals("NS")) {
                messages.add("A HostedZone must contain at least one NS record for the zone itself.");
            } else {
                records.remove(key);
            }
            return;
        }
        if (action.equals("CREATE") && existing != null) {
            messages.add("Tried to create resource record set [name='" + name + "', type='" + type
                    + "'] but it already exists");
            return;
        }
        // values Route 53 refuses
        List<String> problems = valueProblems(r);
        if (!problems.isEmpty()) {
            messages.addAll(problems);
            return;
        }
        if (type.equals("CNAME") && name.equals(z.name)) {
            messages.add("RRSet of type CNAME with DNS name " + name + " is not permitted at apex in zone " + z.name);
            return;
        }
        for (ResourceRecordSet other : records.values()) {
            if (other.name().equals(name) && !other.typeAsString().equals(type)) {
                if (type.equals("CNAME")) {
                    messages.add("RRSet of type CNAME with DNS name " + name + " is not permitted as it conflicts with "
                            + "other records with the same DNS name in zone " + z.name);
                    return;
                }
                if (other.typeAsString().equals("CNAME")) {
                    messages.add("RRSet of type " + type + " with DNS name " + name + " is not permitted because a "
                            + "conflicting RRSet of type CNAME with the same DNS name already exists in zone " + z.name);
                    return;
                }
            }
        }
        if (r.aliasTarget() != null) {
            String problem = aliasProblem(z, r);
            if (problem != null) {
                messages.add(problem);
                return;
            }
        }
        records.put(key, r);
    }

    private List<String> valueProblems(ResourceRecordSet r) {
        List<String> problems = new ArrayList<>();
        if (r.aliasTarget() != null) {
            return problems;
        }
        String type = r.typeAsString();
        if (r.ttl() < 0 || r.ttl() > 2147483647L) {
            problems.add("Invalid TTL: " + r.ttl());
        }
        if (type.equals("CNAME") && r.resourceRecords().size() > 1) {
            problems.add("RRSet of type CNAME with DNS name " + r.name() + " has more than one resource record");
        }
        for (ResourceRecord v : r.resourceRecords()) {
            String value = v.value();
            if (value == null) {
                problems.add("Invalid Resource Record: FATAL problem: ResourceRecord value is missing");
            } else if (type.equals("A") && !IPV4.matcher(value).matches()) {
                problems.add("Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid "
                        + "IPv4 address) encountered with '" + value + "''");
            } else if (type.equals("AAAA") && !value.contains(":")) {
                problems.add("Invalid Resource Record: 'FATAL problem: AAAARRDATAIllegalIPv6Address (Value is not a "
                        + "valid IPv6 address) encountered with '" + value + "''");
            } else if ((type.equals("TXT") || type.equals("SPF")) && !value.startsWith("\"")) {
                problems.add("Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed "
                        + "in quotation marks) encountered with '" + value + "''");
            }
        }
        return problems;
    }

    /** Alias records to CloudFront must target an existing distribution that has the record's name as an alias. */
    private String aliasProblem(FakeAws.Zone z, ResourceRecordSet r) {
        AliasTarget a = r.aliasTarget();
        String zoneId = a.hostedZoneId().startsWith("/hostedzone/") ? a.hostedZoneId().substring(12) : a.hostedZoneId();
        String target = a.dnsName();
        String tried = "Tried to create an alias that targets " + target + ", type " + r.typeAsString() + " in zone "
                + zoneId + ", but the alias target name does not lie within the target zone";
        boolean cloudFrontDomain = target.endsWith(".cloudfront.net.");
        if (zoneId.equals(FakeAws.CLOUDFRONT_HOSTED_ZONE_ID) || cloudFrontDomain) {
            if (!zoneId.equals(FakeAws.CLOUDFRONT_HOSTED_ZONE_ID)) {
                return tried;
            }
            if (!List.of("A", "AAAA").contains(r.typeAsString())) {
                return tried;
            }
            FakeAws.Dist d = w.dists.values().stream()
                    .filter(x -> (x.domainName + ".").equalsIgnoreCase(target)).findFirst().orElse(null);
            if (d == null) {
                return tried;
            }
            String recordName = r.name().substring(0, r.name().length() - 1);
            boolean hasAlias = d.config.aliases() != null && d.config.aliases().items().stream()
                    .anyMatch(al -> FakeCloudFront.aliasMatches(al, recordName));
            if (!hasAlias) {
                return tried;
            }
            return null;
        }
        if (zoneId.equals(z.id)) {
            // an alias to another record of the same zone: that record must exist
            boolean exists = z.records.values().stream().anyMatch(x -> x.name().equalsIgnoreCase(target));
            return exists ? null : tried;
        }
        return null;
    }

    private static boolean sameRecord(ResourceRecordSet a, ResourceRecordSet b) {
        if (a.aliasTarget() != null || b.aliasTarget() != null) {
            if (a.aliasTarget() == null || b.aliasTarget() == null) {
                return false;
            }
            AliasTarget x = a.aliasTarget();
            AliasTarget y = b.aliasTarget();
            return bare(x.hostedZoneId()).equals(bare(y.hostedZoneId())) && x.dnsName().equalsIgnoreCase(y.dnsName())
                    && Objects.equals(x.evaluateTargetHealth(), y.evaluateTargetHealth());
        }
        if (!Objects.equals(a.ttl(), b.ttl())) {
            return false;
        }
        List<String> va = a.resourceRecords().stream().map(v -> normaliseValue(a.typeAsString(), v.value())).sorted().toList();
        List<String> vb = b.resourceRecords().stream().map(v -> normaliseValue(b.typeAsString(), v.value())).sorted().toList();
        return va.equals(vb);
    }

    private static String normaliseValue(String type, String value) {
        if (type.equals("CNAME") || type.equals("NS")) {
            return fqdn(value);
        }
        return value;
    }

    private static String bare(String zoneId) {
        return zoneId.startsWith("/hostedzone/") ? zoneId.substring(12) : zoneId;
    }

    // ------------------------------------------------------------------ changes

    @Override
    public GetChangeResponse getChange(GetChangeRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("route53:GetChange", "arn:aws:route53:::change/" + id);
            if (id.contains("/")) {
                throw error(InvalidInputException.builder(), 400, "InvalidInput", "Invalid change id: " + id
                        + " (pass the id without its /change/ prefix)");
            }
            FakeAws.ChangeState c = w.changes.get(id);
            if (c == null) {
                throw error(NoSuchChangeException.builder(), 404, "NoSuchChange",
                        "A change with the specified change ID does not exist.");
            }
            c.gets++;
            ChangeStatus status = c.gets > w.getChangesUntilInsync ? ChangeStatus.INSYNC : ChangeStatus.PENDING;
            return GetChangeResponse.builder().changeInfo(changeInfo(c, status)).build();
        }
    }

    private ChangeInfo changeInfo(FakeAws.ChangeState c, ChangeStatus status) {
        return ChangeInfo.builder()
                .id(w.wireFormatRoute53Ids ? "/change/" + c.id : c.id)
                .status(status)
                .submittedAt(c.submittedAt)
                .comment(c.comment)
                .build();
    }

    // ------------------------------------------------------------------ helpers

    /** The zone of a bare id; an id with '/' is refused, as AWS reads it as a different path. */
    private FakeAws.Zone zone(String id) {
        if (id.contains("/")) {
            throw error(InvalidInputException.builder(), 400, "InvalidInput", "Invalid hosted zone id: " + id
                    + " (pass the bare id, without /hostedzone/)");
        }
        FakeAws.Zone z = w.zones.get(id);
        if (z == null) {
            throw error(NoSuchHostedZoneException.builder(), 404, "NoSuchHostedZone", "No hosted zone found with ID: " + id);
        }
        return z;
    }

    private int maxItems(String value, int max) {
        if (value == null) {
            return max;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw error(InvalidInputException.builder(), 400, "InvalidInput", "Invalid value for MaxItems: " + value);
        }
    }

    private AwsServiceException invalidInput(String validation) {
        return error(InvalidInputException.builder(), 400, "InvalidInput", "1 validation error detected: " + validation);
    }

    private AwsServiceException error(AwsServiceException.Builder b, int status, String code, String message) {
        return w.error(b, "Route53", status, code, message);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("Connection pool shut down");
        }
    }

    /** Lower case, with a trailing dot. */
    static String fqdn(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    static String escape(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
                sb.append(c);
            } else {
                sb.append('\\').append(String.format(Locale.ROOT, "%03o", (int) c));
            }
        }
        return sb.toString();
    }

    static String unescape(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 3 < name.length() && name.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(name.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
