package dev.edgepress.provisioner.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * CloudFront's checks of a request body against its schema, done generically over the SDK model: every member marked
 * "Required: Yes" in the CloudFront API reference must be present (else 400 MalformedXML "Value null at ..."), and
 * every list wrapper with a Quantity must have a Quantity equal to its number of Items (else 400
 * InconsistentQuantities).
 */
final class ModelCheck {

    /** Shape -> its required members, from the CloudFront API reference. */
    private static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry("DistributionConfig", Set.of("CallerReference", "Origins", "DefaultCacheBehavior", "Comment", "Enabled")),
            Map.entry("DistributionConfigWithTags", Set.of("DistributionConfig", "Tags")),
            Map.entry("Aliases", Set.of("Quantity")),
            Map.entry("Origins", Set.of("Quantity", "Items")),
            Map.entry("Origin", Set.of("Id", "DomainName")),
            Map.entry("S3OriginConfig", Set.of("OriginAccessIdentity")),
            Map.entry("CustomOriginConfig", Set.of("HTTPPort", "HTTPSPort", "OriginProtocolPolicy")),
            Map.entry("OriginSslProtocols", Set.of("Quantity", "Items")),
            Map.entry("CustomHeaders", Set.of("Quantity")),
            Map.entry("OriginCustomHeader", Set.of("HeaderName", "HeaderValue")),
            Map.entry("OriginShield", Set.of("Enabled")),
            Map.entry("OriginGroups", Set.of("Quantity")),
            Map.entry("OriginGroup", Set.of("Id", "FailoverCriteria", "Members")),
            Map.entry("OriginGroupFailoverCriteria", Set.of("StatusCodes")),
            Map.entry("StatusCodes", Set.of("Quantity", "Items")),
            Map.entry("OriginGroupMembers", Set.of("Quantity", "Items")),
            Map.entry("OriginGroupMember", Set.of("OriginId")),
            Map.entry("DefaultCacheBehavior", Set.of("TargetOriginId", "ViewerProtocolPolicy")),
            Map.entry("CacheBehaviors", Set.of("Quantity")),
            Map.entry("CacheBehavior", Set.of("PathPattern", "TargetOriginId", "ViewerProtocolPolicy")),
            Map.entry("AllowedMethods", Set.of("Quantity", "Items")),
            Map.entry("CachedMethods", Set.of("Quantity", "Items")),
            Map.entry("TrustedSigners", Set.of("Enabled", "Quantity")),
            Map.entry("TrustedKeyGroups", Set.of("Enabled", "Quantity")),
            Map.entry("LambdaFunctionAssociations", Set.of("Quantity")),
            Map.entry("LambdaFunctionAssociation", Set.of("LambdaFunctionARN", "EventType")),
            Map.entry("FunctionAssociations", Set.of("Quantity")),
            Map.entry("FunctionAssociation", Set.of("FunctionARN", "EventType")),
            Map.entry("ForwardedValues", Set.of("QueryString", "Cookies")),
            Map.entry("CookiePreference", Set.of("Forward")),
            Map.entry("CookieNames", Set.of("Quantity")),
            Map.entry("Headers", Set.of("Quantity")),
            Map.entry("QueryStringCacheKeys", Set.of("Quantity")),
            Map.entry("CustomErrorResponses", Set.of("Quantity")),
            Map.entry("CustomErrorResponse", Set.of("ErrorCode")),
            Map.entry("Restrictions", Set.of("GeoRestriction")),
            Map.entry("GeoRestriction", Set.of("RestrictionType", "Quantity")),
            Map.entry("Tag", Set.of("Key")),
            Map.entry("InvalidationBatch", Set.of("Paths", "CallerReference")),
            Map.entry("Paths", Set.of("Quantity")),
            Map.entry("OriginAccessControlConfig",
                    Set.of("Name", "SigningProtocol", "SigningBehavior", "OriginAccessControlOriginType")),
            Map.entry("FunctionConfig", Set.of("Comment", "Runtime")),
            Map.entry("KeyValueStoreAssociations", Set.of("Quantity")),
            Map.entry("KeyValueStoreAssociation", Set.of("KeyValueStoreARN")),
            Map.entry("ResponseHeadersPolicyConfig", Set.of("Name")),
            Map.entry("ResponseHeadersPolicyXSSProtection", Set.of("Override", "Protection")),
            Map.entry("ResponseHeadersPolicyFrameOptions", Set.of("Override", "FrameOption")),
            Map.entry("ResponseHeadersPolicyReferrerPolicy", Set.of("Override", "ReferrerPolicy")),
            Map.entry("ResponseHeadersPolicyContentSecurityPolicy", Set.of("Override", "ContentSecurityPolicy")),
            Map.entry("ResponseHeadersPolicyContentTypeOptions", Set.of("Override")),
            Map.entry("ResponseHeadersPolicyStrictTransportSecurity", Set.of("Override", "AccessControlMaxAgeSec")),
            Map.entry("ResponseHeadersPolicyCustomHeadersConfig", Set.of("Quantity")),
            Map.entry("ResponseHeadersPolicyCustomHeader", Set.of("Header", "Value", "Override")),
            Map.entry("ResponseHeadersPolicyRemoveHeadersConfig", Set.of("Quantity")),
            Map.entry("ResponseHeadersPolicyRemoveHeader", Set.of("Header")),
            Map.entry("ResponseHeadersPolicyServerTimingHeadersConfig", Set.of("Enabled")),
            Map.entry("ResponseHeadersPolicyCorsConfig", Set.of("AccessControlAllowOrigins", "AccessControlAllowHeaders",
                    "AccessControlAllowMethods", "AccessControlAllowCredentials", "OriginOverride")),
            Map.entry("ResponseHeadersPolicyAccessControlAllowOrigins", Set.of("Quantity", "Items")),
            Map.entry("ResponseHeadersPolicyAccessControlAllowHeaders", Set.of("Quantity", "Items")),
            Map.entry("ResponseHeadersPolicyAccessControlAllowMethods", Set.of("Quantity", "Items")),
            Map.entry("ResponseHeadersPolicyAccessControlExposeHeaders", Set.of("Quantity")));

    private ModelCheck() {
    }

    /** The problems found, in the order CloudFront reports them: missing members first, then quantities. */
    record Problems(List<String> missing, List<String> inconsistent) {
        boolean isEmpty() {
            return missing.isEmpty() && inconsistent.isEmpty();
        }
    }

    static Problems check(SdkPojo root, String rootPath) {
        Problems p = new Problems(new ArrayList<>(), new ArrayList<>());
        walk(root, rootPath, p);
        return p;
    }

    private static void walk(SdkPojo pojo, String path, Problems p) {
        Set<String> required = REQUIRED.getOrDefault(pojo.getClass().getSimpleName(), Set.of());
        Integer quantity = null;
        boolean hasQuantity = false;
        List<?> items = null;
        boolean hasItems = false;
        for (SdkField<?> f : pojo.sdkFields()) {
            String member = f.memberName();
            Object v = f.getValueOrDefault(pojo);
            String here = path + "." + lowerFirst(member);
            boolean absent = v == null || v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap;
            if (absent && required.contains(member)) {
                p.missing().add(here);
            }
            if (member.equals("Quantity")) {
                hasQuantity = true;
                quantity = (Integer) v;
            }
            if (member.equals("Items")) {
                hasItems = true;
                items = absent ? List.of() : (List<?>) v;
            }
            if (v instanceof SdkPojo child) {
                walk(child, here, p);
            } else if (v instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof SdkPojo child) {
                        walk(child, here + "." + (i + 1) + ".member", p);
                    }
                }
            }
        }
        if (hasQuantity && hasItems && quantity != null && quantity != items.size()) {
            p.inconsistent().add(path);
        }
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
