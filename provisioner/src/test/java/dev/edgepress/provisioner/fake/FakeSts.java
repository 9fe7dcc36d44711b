package dev.edgepress.provisioner.fake;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsServiceClientConfiguration;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS: who am I. */
final class FakeSts implements StsClient {

    private final FakeAws w;
    private boolean closed;

    FakeSts(FakeAws w) {
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
    public StsServiceClientConfiguration serviceClientConfiguration() {
        return StsServiceClientConfiguration.builder().region(Region.US_EAST_1).build();
    }

    @Override
    public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest request) {
        synchronized (w) {
            open();
            w.enter("sts:GetCallerIdentity", "*");
            return GetCallerIdentityResponse.builder()
                    .account(FakeAws.ACCOUNT)
                    .arn(FakeAws.PRINCIPAL_ARN)
                    .userId(FakeAws.USER_ID)
                    .build();
        }
    }

    @Override
    public GetCallerIdentityResponse getCallerIdentity() {
        return getCallerIdentity(GetCallerIdentityRequest.builder().build());
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("Connection pool shut down");
        }
    }
}
