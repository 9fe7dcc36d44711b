package dev.edgepress.provisioner.fake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ServiceClientConfiguration;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.CreateEmailIdentityRequest;
import software.amazon.awssdk.services.sesv2.model.CreateEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.DeleteEmailIdentityRequest;
import software.amazon.awssdk.services.sesv2.model.DeleteEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.DkimAttributes;
import software.amazon.awssdk.services.sesv2.model.GetAccountRequest;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityRequest;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.IdentityInfo;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.ListEmailIdentitiesRequest;
import software.amazon.awssdk.services.sesv2.model.ListEmailIdentitiesResponse;
import software.amazon.awssdk.services.sesv2.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.sesv2.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.sesv2.model.MailFromAttributes;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.SendQuota;
import software.amazon.awssdk.services.sesv2.model.SuppressionAttributes;
import software.amazon.awssdk.services.sesv2.model.Tag;
import software.amazon.awssdk.services.sesv2.model.TagResourceRequest;
import software.amazon.awssdk.services.sesv2.model.TagResourceResponse;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import software.amazon.awssdk.services.sesv2.model.UntagResourceRequest;
import software.amazon.awssdk.services.sesv2.model.UntagResourceResponse;
import software.amazon.awssdk.services.sesv2.model.VerificationInfo;

/**
 * SES v2 in one region: email identities and SendEmail. A domain identity gets three Easy DKIM tokens and is verified
 * (DKIM SUCCESS, VerifiedForSendingStatus true) once the CNAMEs {@code TOKEN._domainkey.DOMAIN} to
 * {@code TOKEN.dkim.amazonses.com} are in its authoritative public zone of the fake Route 53 (looked at by every SES
 * call that shows or uses the status). An address identity is verified when the test calls
 * {@link FakeAws#confirmEmail} (the person clicked the link). SendEmail needs a verified sender (the address or its
 * domain, or a parent domain) and, while the account is in the sandbox ({@link FakeAws#sesProductionAccess} false),
 * verified recipients too (or the mailbox simulator); otherwise 400 MessageRejected naming the identities that failed.
 * Accepted messages are kept for {@link FakeAws#sentEmails()}.
 */
final class FakeSesV2 implements SesV2Client {

    private static final Pattern DOMAIN = Pattern.compile(
            "(((?!-)[a-z0-9-]{0,62}[a-z0-9])\\.)+((?!-)[a-z0-9-]{1,62}[a-z0-9])");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>]+@([^\\s@<>]+)");
    private static final Pattern DISPLAY = Pattern.compile(".*<([^<>]+)>\\s*");
    private static final String SIMULATOR = "simulator.amazonses.com";

    private final FakeAws w;
    private final String region;
    private boolean closed;

    FakeSesV2(FakeAws w, String region) {
        this.w = w;
        this.region = region;
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
    public SesV2ServiceClientConfiguration serviceClientConfiguration() {
        return SesV2ServiceClientConfiguration.builder().region(Region.of(region)).build();
    }

    // ------------------------------------------------------------------ identities

    @Override
    public CreateEmailIdentityResponse createEmailIdentity(CreateEmailIdentityRequest request) {
        synchronized (w) {
            open();
            String name = request.emailIdentity();
            w.enter("ses:CreateEmailIdentity", identityArn(name == null ? "*" : name));
            if (request.hasTags() && !request.tags().isEmpty()) {
                w.authorize("ses:CreateEmailIdentity", "ses:TagResource", identityArn(name == null ? "*" : name));
            }
            if (name == null) {
                throw badRequest("1 validation error detected: Value null at 'emailIdentity' failed to satisfy "
                        + "constraint: Member must not be null");
            }
            if (request.dkimSigningAttributes() != null) {
                throw new UnsupportedOperationException("FakeSesV2 models Easy DKIM only, not DkimSigningAttributes");
            }
            boolean address = name.contains("@");
            if (address ? !ADDRESS.matcher(name).matches() || !DOMAIN.matcher(domainOf(name)).matches()
                    : !DOMAIN.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                throw badRequest("Invalid " + (address ? "email address" : "domain name") + " <" + name + ">.");
            }
            List<Tag> tags = request.hasTags() ? request.tags() : List.of();
            checkTags(tags);
            if (w.mailIdentities.containsKey(key(name))) {
                throw error(AlreadyExistsException.builder(), 400, "AlreadyExistsException",
                        "Email identity " + name + " already exist.");
            }
            FakeAws.MailIdentity m = new FakeAws.MailIdentity();
            m.region = region;
            m.name = address ? name : name.toLowerCase(Locale.ROOT);
            m.type = address ? "EMAIL_ADDRESS" : "DOMAIN";
            m.created = Instant.now();
            if (!address) {
                for (int i = 0; i < 3; i++) {
                    m.tokens.add(w.randomLower(32));
                }
            }
            tags.forEach(t -> m.tags.put(t.key(), t.value()));
            w.mailIdentities.put(key(name), m);
            CreateEmailIdentityResponse.Builder b = CreateEmailIdentityResponse.builder()
                    .identityType(m.type).verifiedForSendingStatus(false);
            if (!address) {
                b.dkimAttributes(dkim(m));
            }
            return b.build();
        }
    }

    @Override
    public GetEmailIdentityResponse getEmailIdentity(GetEmailIdentityRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.emailIdentity(), "EmailIdentity");
            w.enter("ses:GetEmailIdentity", identityArn(name));
            FakeAws.MailIdentity m = identity(name);
            refresh(m);
            return GetEmailIdentityResponse.builder()
                    .identityType(m.type)
                    .feedbackForwardingStatus(true)
                    .verifiedForSendingStatus(m.verified)
                    .dkimAttributes(dkim(m))
                    .mailFromAttributes(MailFromAttributes.builder().behaviorOnMxFailure("USE_DEFAULT_VALUE").build())
                    .policies(java.util.Map.of())
                    .tags(m.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                            .toList())
                    .verificationStatus(m.verified ? "SUCCESS" : "PENDING")
                    .verificationInfo(VerificationInfo.builder().build())
                    .build();
        }
    }

    @Override
    public ListEmailIdentitiesResponse listEmailIdentities(ListEmailIdentitiesRequest request) {
        synchronized (w) {
            open();
            w.enter("ses:ListEmailIdentities", identityArn("*"));
            List<FakeAws.MailIdentity> all = w.mailIdentities.values().stream().filter(m -> m.region.equals(region))
                    .toList();
            int size = request.pageSize() == null ? 1000 : request.pageSize();
            if (size < 1 || size > 1000) {
                throw badRequest("Invalid page size: " + size + ". The page size must be between 1 and 1000.");
            }
            int start = 0;
            if (request.nextToken() != null) {
                try {
                    start = Integer.parseInt(new String(Base64.getDecoder().decode(request.nextToken()),
                            StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw badRequest("Invalid NextToken: " + request.nextToken());
                }
            }
            int end = Math.min(all.size(), start + size);
            List<IdentityInfo> items = new ArrayList<>();
            for (FakeAws.MailIdentity m : all.subList(Math.min(start, end), end)) {
                refresh(m);
                items.add(IdentityInfo.builder().identityType(m.type).identityName(m.name).sendingEnabled(m.verified)
                        .verificationStatus(m.verified ? "SUCCESS" : "PENDING").build());
            }
            return ListEmailIdentitiesResponse.builder().emailIdentities(items)
                    .nextToken(end < all.size()
                            ? Base64.getEncoder().encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8))
                            : null)
                    .build();
        }
    }

    @Override
    public DeleteEmailIdentityResponse deleteEmailIdentity(DeleteEmailIdentityRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.emailIdentity(), "EmailIdentity");
            w.enter("ses:DeleteEmailIdentity", identityArn(name));
            identity(name);
            w.mailIdentities.remove(key(name));
            return DeleteEmailIdentityResponse.builder().build();
        }
    }

    // ------------------------------------------------------------------ account

    @Override
    public GetAccountResponse getAccount(GetAccountRequest request) {
        synchronized (w) {
            open();
            w.enter("ses:GetAccount", "*");
            boolean production = w.sesProductionAccess;
            long sent = w.sentEmails.stream().filter(e -> e.region().equals(region)).count();
            return GetAccountResponse.builder()
                    .productionAccessEnabled(production)
                    .sendingEnabled(true)
                    .enforcementStatus("HEALTHY")
                    .dedicatedIpAutoWarmupEnabled(false)
                    .sendQuota(SendQuota.builder().max24HourSend(production ? 50000.0 : 200.0)
                            .maxSendRate(production ? 14.0 : 1.0).sentLast24Hours((double) sent).build())
                    .suppressionAttributes(SuppressionAttributes.builder().suppressedReasons(List.of()).build())
                    .build();
        }
    }

    // ------------------------------------------------------------------ sending

    @Override
    public SendEmailResponse sendEmail(SendEmailRequest request) {
        synchronized (w) {
            open();
            String from = request.fromEmailAddress();
            String fromAddress = from == null ? null : bare(from);
            w.enter("ses:SendEmail", identityArn(fromAddress == null ? "*" : domainOf(fromAddress)));
            if (w.sendEmailThrottles > 0) {
                w.sendEmailThrottles--;
                throw error(TooManyRequestsException.builder(), 429, "TooManyRequestsException",
                        "Maximum sending rate exceeded.");
            }
            if (request.content() == null) {
                throw badRequest("1 validation error detected: Value null at 'content' failed to satisfy constraint: "
                        + "Member must not be null");
            }
            Message simple = request.content().simple();
            if (simple == null) {
                throw new UnsupportedOperationException("FakeSesV2 models Content.Simple only");
            }
            if (simple.subject() == null || simple.body() == null) {
                throw badRequest("1 validation error detected: Value null at 'content.simple."
                        + (simple.subject() == null ? "subject" : "body") + "' failed to satisfy constraint: Member must "
                        + "not be null");
            }
            if (simple.subject().data() == null) {
                throw badRequest("1 validation error detected: Value null at 'content.simple.subject.data' failed to "
                        + "satisfy constraint: Member must not be null");
            }
            if (simple.body().text() == null && simple.body().html() == null) {
                throw badRequest("The message body must contain text or html.");
            }
            if (fromAddress == null) {
                throw badRequest("Missing required header 'From'.");
            }
            if (!ADDRESS.matcher(fromAddress).matches()) {
                throw badRequest("Illegal address");
            }
            Destination d = request.destination();
            List<String> to = d != null && d.hasToAddresses() ? d.toAddresses() : List.of();
            List<String> cc = d != null && d.hasCcAddresses() ? d.ccAddresses() : List.of();
            List<String> bcc = d != null && d.hasBccAddresses() ? d.bccAddresses() : List.of();
            if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
                throw badRequest("Missing final '@domain'");
            }
            if (to.size() + cc.size() + bcc.size() > 50) {
                throw error(MessageRejectedException.builder(), 400, "MessageRejected",
                        "Recipient count exceeds 50.");
            }
            List<String> replyTo = request.hasReplyToAddresses() ? request.replyToAddresses() : List.of();
            for (String a : concat(to, cc, bcc, replyTo)) {
                if (!ADDRESS.matcher(bare(a)).matches()) {
                    throw badRequest("Illegal address");
                }
            }
            List<String> failed = new ArrayList<>();
            if (!verified(fromAddress)) {
                failed.add(fromAddress);
            }
            if (!w.sesProductionAccess) {
                for (String a : concat(to, cc, bcc, List.of())) {
                    String bare = bare(a);
                    if (!domainOf(bare).equals(SIMULATOR) && !verified(bare) && !failed.contains(bare)) {
                        failed.add(bare);
                    }
                }
            }
            if (!failed.isEmpty()) {
                throw error(MessageRejectedException.builder(), 400, "MessageRejected",
                        "Email address is not verified. The following identities failed the check in region "
                                + region.toUpperCase(Locale.ROOT) + ": " + String.join(", ", failed));
            }
            String messageId = "0102" + FakeAws.md5Hex(w.uuid()).substring(0, 12) + "-" + w.uuid() + "-000000";
            Content text = simple.body().text();
            Content html = simple.body().html();
            w.sentEmails.add(new FakeAws.SentEmail(region, messageId, from, List.copyOf(to), List.copyOf(cc),
                    List.copyOf(bcc), List.copyOf(replyTo), simple.subject().data(),
                    text == null ? null : text.data(), html == null ? null : html.data()));
            return SendEmailResponse.builder().messageId(messageId).build();
        }
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c, List<String> d) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        all.addAll(d);
        return all;
    }

    /** The address, an identity of it, or of its domain or a parent domain, is verified (DNS looked at now). */
    private boolean verified(String address) {
        FakeAws.MailIdentity m = w.mailIdentities.get(key(address));
        if (m != null && m.verified) {
            return true;
        }
        String domain = domainOf(address);
        while (domain.contains(".")) {
            FakeAws.MailIdentity d = w.mailIdentities.get(key(domain));
            if (d != null) {
                refresh(d);
                if (d.verified) {
                    return true;
                }
            }
            domain = domain.substring(domain.indexOf('.') + 1);
        }
        return false;
    }

    // ------------------------------------------------------------------ tags

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        synchronized (w) {
            open();
            String arn = request.resourceArn();
            w.enter("ses:ListTagsForResource", arn == null ? "*" : arn);
            FakeAws.MailIdentity m = identityOfArn(arn);
            return ListTagsForResourceResponse.builder().tags(m.tags.entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
        }
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        synchronized (w) {
            open();
            String arn = request.resourceArn();
            w.enter("ses:TagResource", arn == null ? "*" : arn);
            FakeAws.MailIdentity m = identityOfArn(arn);
            List<Tag> tags = request.hasTags() ? request.tags() : List.of();
            checkTags(tags);
            tags.forEach(t -> m.tags.put(t.key(), t.value()));
            if (m.tags.size() > 50) {
                throw error(LimitExceededException.builder(), 400, "LimitExceededException",
                        "The resource has more than 50 tags.");
            }
            return TagResourceResponse.builder().build();
        }
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        synchronized (w) {
            open();
            String arn = request.resourceArn();
            w.enter("ses:UntagResource", arn == null ? "*" : arn);
            FakeAws.MailIdentity m = identityOfArn(arn);
            if (request.hasTagKeys()) {
                request.tagKeys().forEach(m.tags::remove);
            }
            return UntagResourceResponse.builder().build();
        }
    }

    private FakeAws.MailIdentity identityOfArn(String arn) {
        String prefix = "arn:aws:ses:" + region + ":" + FakeAws.ACCOUNT + ":identity/";
        if (arn == null || !arn.startsWith(prefix)) {
            throw badRequest("Invalid resource ARN: " + arn);
        }
        return identity(arn.substring(prefix.length()));
    }

    private void checkTags(List<Tag> tags) {
        for (Tag t : tags) {
            if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
                throw badRequest("Invalid tag key: " + t.key());
            }
            if (t.value() == null || t.value().length() > 256) {
                throw badRequest("Invalid tag value for key " + t.key());
            }
        }
        if (tags.size() > 50) {
            throw badRequest("Too many tags: at most 50.");
        }
    }

    // ------------------------------------------------------------------ DKIM and DNS

    /** A domain is verified once its three DKIM CNAMEs are in its authoritative public zone (and the zone delegated). */
    private void refresh(FakeAws.MailIdentity m) {
        if (m.verified || !m.type.equals("DOMAIN") || !w.zonesDelegated) {
            return;
        }
        for (String token : m.tokens) {
            if (!cnameInDns(token + "._domainkey." + m.name + ".", token + ".dkim.amazonses.com.")) {
                return;
            }
        }
        m.verified = true;
    }

    private boolean cnameInDns(String name, String value) {
        FakeAws.Zone authoritative = null;
        for (FakeAws.Zone z : w.zones.values()) {
            if (!z.privateZone && (name.equals(z.name) || name.endsWith("." + z.name))
                    && (authoritative == null || z.name.length() > authoritative.name.length())) {
                authoritative = z;
            }
        }
        if (authoritative == null) {
            return false;
        }
        return authoritative.records.values().stream().anyMatch(r -> r.name().equals(name)
                && r.typeAsString().equals("CNAME") && r.hasResourceRecords()
                && r.resourceRecords().stream().anyMatch(v -> FakeRoute53.fqdn(v.value()).equals(value)));
    }

    private static DkimAttributes dkim(FakeAws.MailIdentity m) {
        if (m.type.equals("EMAIL_ADDRESS")) {
            return DkimAttributes.builder().signingEnabled(false).status("NOT_STARTED").signingAttributesOrigin("AWS_SES")
                    .nextSigningKeyLength("RSA_1024_BIT").build();
        }
        return DkimAttributes.builder()
                .signingEnabled(true)
                .status(m.verified ? "SUCCESS" : "PENDING")
                .tokens(m.tokens)
                .signingAttributesOrigin("AWS_SES")
                .nextSigningKeyLength("RSA_2048_BIT")
                .currentSigningKeyLength("RSA_2048_BIT")
                .lastKeyGenerationTimestamp(m.created)
                .build();
    }

    // ------------------------------------------------------------------ helpers

    /** "Name <a@b.example>" -> "a@b.example". */
    private static String bare(String address) {
        Matcher m = DISPLAY.matcher(address);
        return (m.matches() ? m.group(1) : address).trim();
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private String key(String identity) {
        return region + "|" + identity.toLowerCase(Locale.ROOT);
    }

    private FakeAws.MailIdentity identity(String name) {
        FakeAws.MailIdentity m = w.mailIdentities.get(key(name));
        if (m == null) {
            throw error(NotFoundException.builder(), 404, "NotFoundException",
                    "Email identity " + name + " does not exist.");
        }
        return m;
    }

    private String identityArn(String name) {
        return "arn:aws:ses:" + region + ":" + FakeAws.ACCOUNT + ":identity/" + name;
    }

    private AwsServiceException badRequest(String message) {
        return error(BadRequestException.builder(), 400, "BadRequestException", message);
    }

    private AwsServiceException error(AwsServiceException.Builder b, int status, String code, String message) {
        return w.error(b, "SesV2", status, code, message);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("Connection pool shut down");
        }
    }
}
