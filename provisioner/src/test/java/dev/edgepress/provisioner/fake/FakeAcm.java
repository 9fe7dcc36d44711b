package dev.edgepress.provisioner.fake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.AcmServiceClientConfiguration;
import software.amazon.awssdk.services.acm.model.AddTagsToCertificateRequest;
import software.amazon.awssdk.services.acm.model.AddTagsToCertificateResponse;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateOptions;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DeleteCertificateRequest;
import software.amazon.awssdk.services.acm.model.DeleteCertificateResponse;
import software.amazon.awssdk.services.acm.model.DescribeCertificateRequest;
import software.amazon.awssdk.services.acm.model.DescribeCertificateResponse;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ExtendedKeyUsage;
import software.amazon.awssdk.services.acm.model.InvalidArnException;
import software.amazon.awssdk.services.acm.model.InvalidTagException;
import software.amazon.awssdk.services.acm.model.KeyUsage;
import software.amazon.awssdk.services.acm.model.ListCertificatesRequest;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.acm.model.ListTagsForCertificateRequest;
import software.amazon.awssdk.services.acm.model.ListTagsForCertificateResponse;
import software.amazon.awssdk.services.acm.model.RecordType;
import software.amazon.awssdk.services.acm.model.RemoveTagsFromCertificateRequest;
import software.amazon.awssdk.services.acm.model.RemoveTagsFromCertificateResponse;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;
import software.amazon.awssdk.services.acm.model.RequestCertificateResponse;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ResourceRecord;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.TooManyTagsException;
import software.amazon.awssdk.services.acm.model.ValidationException;
import software.amazon.awssdk.services.acm.waiters.AcmWaiter;

/**
 * ACM in one region (us-east-1 unless the test asks otherwise). DNS validation records appear after
 * {@link FakeAws#describesUntilValidationRecords} DescribeCertificate calls; a certificate becomes ISSUED when every
 * distinct validation CNAME is in the authoritative public zone of the fake Route 53 with its value. As in ACM, the
 * validation record of a name depends only on the account and the name (the apex and "*.apex" share one), so it is
 * the same for every certificate of that name.
 */
@SuppressWarnings("deprecation") // the legacy cache settings and certificate fields are still the API
final class FakeAcm implements AcmClient {

    private static final Pattern DOMAIN = Pattern.compile(
            "^(\\*\\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$");
    private static final Pattern TOKEN = Pattern.compile("\\w+");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+");
    private static final Set<String> REQUESTABLE_KEYS = Set.of("RSA_2048", "EC_prime256v1", "EC_secp384r1");

    private final FakeAws w;
    private final String region;
    private boolean closed;

    FakeAcm(FakeAws w, String region) {
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
    public AcmServiceClientConfiguration serviceClientConfiguration() {
        return AcmServiceClientConfiguration.builder().region(Region.of(region)).build();
    }

    @Override
    public AcmWaiter waiter() {
        return AcmWaiter.builder().client(this).build();
    }

    // ------------------------------------------------------------------ request

    @Override
    public RequestCertificateResponse requestCertificate(RequestCertificateRequest request) {
        synchronized (w) {
            open();
            String anyArn = "arn:aws:acm:" + region + ":" + FakeAws.ACCOUNT + ":certificate/*";
            w.enter("acm:RequestCertificate", anyArn);
            if (request.hasTags() && !request.tags().isEmpty()) {
                w.authorize("acm:RequestCertificate", "acm:AddTagsToCertificate", anyArn);
            }
            String domain = request.domainName();
            if (domain == null) {
                throw validation("Value null at 'domainName' failed to satisfy constraint: Member must not be null");
            }
            checkDomain(domain, "domainName");
            if (domain.length() > 64) {
                throw error(ValidationException.builder(), "ValidationException",
                        "The first domain name can't exceed 64 octets.");
            }
            List<String> sans = request.hasSubjectAlternativeNames() ? request.subjectAlternativeNames() : List.of();
            if (sans.size() > 100) {
                throw validation("Value '" + sans + "' at 'subjectAlternativeNames' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 100");
            }
            for (String san : sans) {
                checkDomain(san, "subjectAlternativeNames");
            }
            String token = request.idempotencyToken();
            if (token != null) {
                if (token.isEmpty() || token.length() > 32) {
                    throw validation("Value '" + token + "' at 'idempotencyToken' failed to satisfy constraint: "
                            + "Member must have length less than or equal to 32");
                }
                if (!TOKEN.matcher(token).matches()) {
                    throw validation("Value '" + token + "' at 'idempotencyToken' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: \\w+");
                }
            }
            String method = request.validationMethodAsString() == null ? "EMAIL" : request.validationMethodAsString();
            if (!List.of("DNS", "EMAIL", "HTTP").contains(method)) {
                throw validation("Value '" + method + "' at 'validationMethod' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [EMAIL, DNS, HTTP]");
            }
            String key = request.keyAlgorithmAsString() == null ? "RSA_2048" : request.keyAlgorithmAsString();
            if (!REQUESTABLE_KEYS.contains(key)) {
                throw validation("Value '" + key + "' at 'keyAlgorithm' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: " + REQUESTABLE_KEYS);
            }
            if (request.hasTags()) {
                checkTags(request.tags());
            }
            List<String> names = new ArrayList<>();
            names.add(domain);
            for (String san : sans) {
                if (names.stream().noneMatch(n -> n.equalsIgnoreCase(san))) {
                    names.add(san);
                }
            }
            String idempotencyKey = null;
            if (token != null) {
                idempotencyKey = region + "|" + token + "|" + names.stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted()
                        .toList() + "|" + method + "|" + key;
                String existing = w.certIdempotency.get(idempotencyKey);
                if (existing != null && w.certs.containsKey(existing)) {
                    return RequestCertificateResponse.builder().certificateArn(existing).build();
                }
            }
            FakeAws.Cert c = new FakeAws.Cert();
            c.region = region;
            c.arn = "arn:aws:acm:" + region + ":" + FakeAws.ACCOUNT + ":certificate/" + w.uuid();
            c.names.addAll(names);
            c.validationMethod = method;
            c.keyAlgorithm = key;
            c.createdAt = Instant.now();
            if (request.hasTags()) {
                request.tags().forEach(t -> c.tags.put(t.key(), t.value()));
            }
            w.certs.put(c.arn, c);
            if (idempotencyKey != null) {
                w.certIdempotency.put(idempotencyKey, c.arn);
            }
            return RequestCertificateResponse.builder().certificateArn(c.arn).build();
        }
    }

    private void checkDomain(String name, String member) {
        if (name.length() > 253 || !DOMAIN.matcher(name).matches()) {
            throw validation("Value '" + name + "' at '" + member + "' failed to satisfy constraint: Member must "
                    + "satisfy regular expression pattern: " + DOMAIN.pattern());
        }
    }

    // ------------------------------------------------------------------ describe and list

    @Override
    public DescribeCertificateResponse describeCertificate(DescribeCertificateRequest request) {
        synchronized (w) {
            open();
            w.enter("acm:DescribeCertificate", request.certificateArn() == null ? "*" : request.certificateArn());
            FakeAws.Cert c = cert(request.certificateArn());
            c.describes++;
            if (c.describes > w.describesUntilValidationRecords) {
                c.recordsVisible = true;
            }
            refresh(w, c);
            return DescribeCertificateResponse.builder().certificate(detail(w, c)).build();
        }
    }

    @Override
    public ListCertificatesResponse listCertificates(ListCertificatesRequest request) {
        synchronized (w) {
            open();
            w.enter("acm:ListCertificates", "*");
            int max = request.maxItems() == null ? 1000 : request.maxItems();
            if (max < 1 || max > 1000) {
                throw validation("Value '" + max + "' at 'maxItems' failed to satisfy constraint: Member must have "
                        + "value " + (max < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
            }
            List<String> statuses = request.hasCertificateStatuses() ? request.certificateStatusesAsStrings() : List.of();
            List<String> keyTypes = request.includes() != null && request.includes().hasKeyTypes()
                    ? request.includes().keyTypesAsStrings() : List.of("RSA_1024", "RSA_2048");
            List<FakeAws.Cert> matching = new ArrayList<>();
            for (FakeAws.Cert c : w.certs.values()) {
                if (!c.region.equals(region)) {
                    continue;
                }
                refresh(w, c);
                if ((statuses.isEmpty() || statuses.contains(c.status)) && keyTypes.contains(c.keyAlgorithm)) {
                    matching.add(c);
                }
            }
            int start = 0;
            if (request.nextToken() != null) {
                try {
                    start = Integer.parseInt(new String(Base64.getDecoder().decode(request.nextToken()),
                            StandardCharsets.UTF_8).replace("next:", ""));
                } catch (IllegalArgumentException e) {
                    throw error(software.amazon.awssdk.services.acm.model.InvalidArgsException.builder(),
                            "InvalidArgsException", "Invalid NextToken: " + request.nextToken());
                }
            }
            int end = Math.min(matching.size(), start + max);
            List<CertificateSummary> summaries = matching.subList(Math.min(start, end), end).stream()
                    .map(c -> summary(w, c)).toList();
            return ListCertificatesResponse.builder()
                    .certificateSummaryList(summaries)
                    .nextToken(end < matching.size()
                            ? Base64.getEncoder().encodeToString(("next:" + end).getBytes(StandardCharsets.UTF_8)) : null)
                    .build();
        }
    }

    @Override
    public ListCertificatesResponse listCertificates() {
        return listCertificates(ListCertificatesRequest.builder().build());
    }

    // ------------------------------------------------------------------ tags and delete

    @Override
    public ListTagsForCertificateResponse listTagsForCertificate(ListTagsForCertificateRequest request) {
        synchronized (w) {
            open();
            w.enter("acm:ListTagsForCertificate", request.certificateArn() == null ? "*" : request.certificateArn());
            FakeAws.Cert c = cert(request.certificateArn());
            ListTagsForCertificateResponse.Builder b = ListTagsForCertificateResponse.builder();
            if (!c.tags.isEmpty()) {
                b.tags(c.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList());
            }
            return b.build();
        }
    }

    @Override
    public AddTagsToCertificateResponse addTagsToCertificate(AddTagsToCertificateRequest request) {
        synchronized (w) {
            open();
            w.enter("acm:AddTagsToCertificate", request.certificateArn() == null ? "*" : request.certificateArn());
            FakeAws.Cert c = cert(request.certificateArn());
            if (!request.hasTags() || request.tags().isEmpty()) {
                throw validation("Value null at 'tags' failed to satisfy constraint: Member must not be null");
            }
            checkTags(request.tags());
            LinkedHashMap<String, String> merged = new LinkedHashMap<>(c.tags);
            request.tags().forEach(t -> merged.put(t.key(), t.value()));
            if (merged.size() > 50) {
                throw error(TooManyTagsException.builder(), "TooManyTagsException",
                        "the TagSet: " + merged.keySet() + " contains too many Tags (maximum is 50)");
            }
            c.tags.clear();
            c.tags.putAll(merged);
            return AddTagsToCertificateResponse.builder().build();
        }
    }

    @Override
    public RemoveTagsFromCertificateResponse removeTagsFromCertificate(RemoveTagsFromCertificateRequest request) {
        synchronized (w) {
            open();
            w.enter("acm:RemoveTagsFromCertificate", request.certificateArn() == null ? "*" : request.certificateArn());
            FakeAws.Cert c = cert(request.certificateArn());
            if (request.hasTags()) {
                for (Tag t : request.tags()) {
                    if (t.value() == null || t.value().equals(c.tags.get(t.key()))) {
                        c.tags.remove(t.key());
                    }
                }
            }
            return RemoveTagsFromCertificateResponse.builder().build();
        }
    }

    @Override
    public DeleteCertificateResponse deleteCertificate(DeleteCertificateRequest request) {
        synchronized (w) {
            open();
            w.enter("acm:DeleteCertificate", request.certificateArn() == null ? "*" : request.certificateArn());
            FakeAws.Cert c = cert(request.certificateArn());
            if (!inUseBy(w, c).isEmpty()) {
                throw error(ResourceInUseException.builder(), "ResourceInUseException",
                        "Certificate " + c.arn + " in account " + FakeAws.ACCOUNT + " is in use.");
            }
            w.certs.remove(c.arn);
            return DeleteCertificateResponse.builder().build();
        }
    }

    private void checkTags(List<Tag> tags) {
        for (Tag t : tags) {
            if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
                throw validation("Value '" + t.key() + "' at 'tags.member.key' failed to satisfy constraint: "
                        + "Member must have length between 1 and 128");
            }
            if (t.value() != null && t.value().length() > 256) {
                throw validation("Value '" + t.value() + "' at 'tags.member.value' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 256");
            }
            if (t.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw error(InvalidTagException.builder(), "InvalidTagException",
                        "Tag key " + t.key() + " uses the reserved prefix aws:");
            }
        }
    }

    // ------------------------------------------------------------------ the certificate's life

    private FakeAws.Cert cert(String arn) {
        if (arn == null) {
            throw validation("Value null at 'certificateArn' failed to satisfy constraint: Member must not be null");
        }
        if (!ARN.matcher(arn).matches()) {
            throw error(InvalidArnException.builder(), "InvalidArnException", "String '" + arn + "' is not a valid ARN");
        }
        FakeAws.Cert c = w.certs.get(arn);
        if (c == null || !c.region.equals(region)) {
            throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException",
                    "Could not find certificate " + arn + ".");
        }
        return c;
    }

    /** ISSUED once every distinct validation CNAME is in its authoritative public zone with the right value. */
    static void refresh(FakeAws w, FakeAws.Cert c) {
        if (!c.status.equals("PENDING_VALIDATION") || !c.recordsVisible || !c.validationMethod.equals("DNS")
                || !w.zonesDelegated) {
            return;
        }
        for (String base : baseNames(c)) {
            String name = recordName(base);
            String value = recordValue(base);
            if (!cnameInDns(w, name, value)) {
                return;
            }
        }
        c.status = "ISSUED";
        c.issuedAt = Instant.now();
    }

    private static boolean cnameInDns(FakeAws w, String name, String value) {
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

    private static List<String> baseNames(FakeAws.Cert c) {
        List<String> bases = new ArrayList<>();
        for (String n : c.names) {
            String base = base(n);
            if (!bases.contains(base)) {
                bases.add(base);
            }
        }
        return bases;
    }

    private static String base(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("*.") ? n.substring(2) : n;
    }

    /** "_<32 hex>.<name>." : depends only on the account and the name, as in ACM. */
    static String recordName(String base) {
        return "_" + FakeAws.md5Hex(FakeAws.ACCOUNT + "|name|" + base) + "." + base + ".";
    }

    static String recordValue(String base) {
        String h = FakeAws.md5Hex(FakeAws.ACCOUNT + "|value|" + base);
        String hash = FakeAws.md5Hex(h);
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            label.append((char) ('a' + Integer.parseInt(hash.substring(2 * i, 2 * i + 2), 16) % 26));
        }
        return "_" + h + "." + label + ".acm-validations.aws.";
    }

    static List<String> inUseBy(FakeAws w, FakeAws.Cert c) {
        return w.dists.values().stream()
                .filter(d -> d.config.viewerCertificate() != null
                        && c.arn.equals(d.config.viewerCertificate().acmCertificateArn()))
                .map(d -> d.arn).toList();
    }

    static CertificateDetail detail(FakeAws w, FakeAws.Cert c) {
        boolean issued = c.status.equals("ISSUED");
        List<DomainValidation> validations = new ArrayList<>();
        for (String n : c.names) {
            DomainValidation.Builder v = DomainValidation.builder()
                    .domainName(n)
                    .validationDomain(n)
                    .validationMethod(c.validationMethod)
                    .validationStatus(issued ? "SUCCESS" : "PENDING_VALIDATION");
            if (c.validationMethod.equals("DNS") && c.recordsVisible) {
                v.resourceRecord(ResourceRecord.builder().name(recordName(base(n))).type(RecordType.CNAME)
                        .value(recordValue(base(n))).build());
            }
            if (c.validationMethod.equals("EMAIL")) {
                String root = base(n);
                v.validationEmails("admin@" + root, "administrator@" + root, "hostmaster@" + root,
                        "postmaster@" + root, "webmaster@" + root);
            }
            validations.add(v.build());
        }
        List<String> inUse = inUseBy(w, c);
        CertificateDetail.Builder b = CertificateDetail.builder()
                .certificateArn(c.arn)
                .domainName(c.names.get(0))
                .subjectAlternativeNames(c.names)
                .domainValidationOptions(validations)
                .subject("CN=" + c.names.get(0))
                .issuer("Amazon")
                .createdAt(c.createdAt)
                .status(c.status)
                // ACM answers "RSA-2048" here, where requests and filters use the enum value RSA_2048
                .keyAlgorithm(keyAlgorithmAsAnswered(c.keyAlgorithm))
                .signatureAlgorithm(c.keyAlgorithm.startsWith("EC") ? "SHA256WITHECDSA" : "SHA256WITHRSA")
                .inUseBy(inUse)
                .type("AMAZON_ISSUED")
                .renewalEligibility(issued && !inUse.isEmpty() ? "ELIGIBLE" : "INELIGIBLE")
                .options(CertificateOptions.builder().certificateTransparencyLoggingPreference("ENABLED").build());
        if (issued) {
            b.serial(FakeAws.md5Hex(c.arn).substring(0, 32).replaceAll("(..)(?!$)", "$1:"))
                    .issuedAt(c.issuedAt)
                    .notBefore(c.issuedAt.truncatedTo(ChronoUnit.DAYS))
                    .notAfter(c.issuedAt.truncatedTo(ChronoUnit.DAYS).plus(395, ChronoUnit.DAYS))
                    .keyUsages(KeyUsage.builder().name("DIGITAL_SIGNATURE").build(),
                            KeyUsage.builder().name("KEY_ENCIPHERMENT").build())
                    .extendedKeyUsages(ExtendedKeyUsage.builder().name("TLS_WEB_SERVER_AUTHENTICATION")
                            .oid("1.3.6.1.5.5.7.3.1").build());
        }
        return b.build();
    }

    static CertificateSummary summary(FakeAws w, FakeAws.Cert c) {
        boolean issued = c.status.equals("ISSUED");
        boolean inUse = !inUseBy(w, c).isEmpty();
        CertificateSummary.Builder b = CertificateSummary.builder()
                .certificateArn(c.arn)
                .domainName(c.names.get(0))
                .subjectAlternativeNameSummaries(c.names)
                .hasAdditionalSubjectAlternativeNames(false)
                .status(c.status)
                .type("AMAZON_ISSUED")
                .keyAlgorithm(keyAlgorithmAsAnswered(c.keyAlgorithm))
                .inUse(inUse)
                .exported(false)
                .renewalEligibility(issued && inUse ? "ELIGIBLE" : "INELIGIBLE")
                .createdAt(c.createdAt);
        if (issued) {
            b.issuedAt(c.issuedAt)
                    .notBefore(c.issuedAt.truncatedTo(ChronoUnit.DAYS))
                    .notAfter(c.issuedAt.truncatedTo(ChronoUnit.DAYS).plus(395, ChronoUnit.DAYS))
                    .keyUsagesWithStrings("DIGITAL_SIGNATURE", "KEY_ENCIPHERMENT")
                    .extendedKeyUsagesWithStrings("TLS_WEB_SERVER_AUTHENTICATION");
        }
        return b.build();
    }

    private static String keyAlgorithmAsAnswered(String key) {
        return key.startsWith("RSA_") ? key.replace('_', '-') : key;
    }

    // ------------------------------------------------------------------ errors

    private AwsServiceException validation(String what) {
        return error(ValidationException.builder(), "ValidationException", "1 validation error detected: " + what);
    }

    /** ACM's JSON protocol answers every modelled error with HTTP 400. */
    private AwsServiceException error(AwsServiceException.Builder b, String code, String message) {
        return w.error(b, "Acm", 400, code, message);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("Connection pool shut down");
        }
    }
}
